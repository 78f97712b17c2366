package org.openwd.inbox.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live channel ({@code openwd.live.*}).
 * @param offlineGrace how long an employee may have no live connection before the connection-loss rule sets them
 * {@code OFFLINE} (default 60 s)
 * @param heartbeat STOMP heart-beat interval both ways in single-node mode, so a silently dropped network connection is
 * noticed (default 10 s; with the relay, RabbitMQ negotiates heart-beats with each client)
 * @param allowedOrigins origin patterns allowed to open the WebSocket besides the application's own origin (e.g. the
 * Vite dev server {@code http://localhost:5173}); empty (default) = same origin only
 * @param relay cluster mode: relay to RabbitMQ's STOMP plugin instead of the in-memory broker
 */
@ConfigurationProperties("openwd.live")
record LiveProperties(Duration offlineGrace, Duration heartbeat, List<String> allowedOrigins, Relay relay) {

	LiveProperties {
		offlineGrace = offlineGrace == null ? Duration.ofSeconds(60) : offlineGrace;
		heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
		relay = relay == null ? new Relay(false, null, null, null, null, null) : relay;
	}

	/**
	 * The STOMP broker relay. Unset values fall back to the AMQP connection's settings ({@code spring.rabbitmq.*}).
	 * @param enabled use the relay (every node of a cluster must)
	 * @param host RabbitMQ host (default {@code spring.rabbitmq.host}, else {@code localhost})
	 * @param port RabbitMQ STOMP port (default 61613)
	 * @param login user for the relay's connections (default {@code spring.rabbitmq.username}, else {@code guest})
	 * @param passcode its password (default {@code spring.rabbitmq.password}, else {@code guest})
	 * @param virtualHost RabbitMQ virtual host (default {@code spring.rabbitmq.virtual-host}, else {@code /})
	 */
	record Relay(boolean enabled, String host, Integer port, String login, String passcode, String virtualHost) {
	}

}
