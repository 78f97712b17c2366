package org.openwd.inbox.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * How many live sessions are open, as metrics ({@code /actuator/metrics/openwd.live.sessions}):
 * <ul>
 * <li>{@code openwd.live.sessions}: WebSocket sessions open on this node (Spring's session statistics);</li>
 * <li>{@code openwd.live.subscriptions}: STOMP subscriptions the user registry knows (cluster-wide with the relay).</li>
 * </ul>
 * Operators watch them against the node's limits (docs/PERFORMANCE.md, W8), the bench waits on them until every
 * simulated inbox is connected and subscribed.
 */
@Component
class LiveMetrics implements MeterBinder {

	private final WebSocketHandler handler;

	private final SimpUserRegistry users;

	LiveMetrics(@Qualifier("subProtocolWebSocketHandler") WebSocketHandler handler, SimpUserRegistry users) {
		this.handler = handler;
		this.users = users;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("openwd.live.sessions", this, LiveMetrics::sessions)
			.description("WebSocket (STOMP) sessions open on this node")
			.register(registry);
		Gauge.builder("openwd.live.subscriptions", this, LiveMetrics::subscriptions)
			.description("STOMP subscriptions known to the user registry")
			.register(registry);
	}

	double sessions() {
		return handler instanceof SubProtocolWebSocketHandler stomp ? stomp.getStats().getWebSocketSessions() : Double.NaN;
	}

	double subscriptions() {
		return users.findSubscriptions(subscription -> true).size();
	}

}
