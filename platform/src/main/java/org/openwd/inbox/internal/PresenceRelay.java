package org.openwd.inbox.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.common.AfterCommit;
import org.openwd.inbox.LiveChannel;
import org.openwd.presence.PresenceChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the employee's own inboxes and the supervisors about every presence change: that is how a second tab, or an
 * inbox whose employee a supervisor forced to another state, learns of it.
 * <p>
 * A plain listener that pushes once the change has committed ({@link AfterCommit}), on the committing thread, without
 * a row in the event publication registry: a push replayed after a crash would reach no session (every inbox
 * reconnects and re-reads its state), while the publication cost an insert, a second transaction on another thread
 * and a delete per change, and that hand-over was most of the change -> inbox latency (docs/PERFORMANCE.md, W8).
 */
@Component
class PresenceRelay {

	static final String TYPE = "presence";

	private static final Logger log = LoggerFactory.getLogger(PresenceRelay.class);

	private final LiveChannel live;

	PresenceRelay(LiveChannel live) {
		this.live = live;
	}

	@EventListener
	void on(PresenceChanged event) {
		AfterCommit.run(() -> {
			// best effort, like every live push: the change is committed, and a broker that is down (e.g. the relay
			// lost RabbitMQ) must not turn the caller's successful request into an error
			try {
				live.toEmployee(event.employeeId(), TYPE, event);
				live.toSupervisors(TYPE, event);
			}
			catch (RuntimeException ex) {
				log.warn("Live push of a presence change of {} failed; inboxes re-sync on reconnect: {}", event.employeeId(),
						ex.getMessage());
			}
		});
	}

}
