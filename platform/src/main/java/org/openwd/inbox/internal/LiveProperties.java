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
 * @param destinationCacheLimit in-memory broker only: how many destinations its subscription registry remembers the
 * subscribers of (default 20,000). Every session has its own inbox destination; a destination not in the cache is
 * resolved by scanning every session's subscriptions, so a limit below the number of sessions makes every push scan
 * them all (Spring's default is 1,024: at 2,000 inboxes that scan was most of the push cost, docs/PERFORMANCE.md W3)
 */
@ConfigurationProperties("openwd.live")
record LiveProperties(Duration offlineGrace, Duration heartbeat, List<String> allowedOrigins, Relay relay,
		Integer destinationCacheLimit) {

	LiveProperties {
		offlineGrace = offlineGrace == null ? Duration.ofSeconds(60) : offlineGrace;
		heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
		relay = relay == null ? new Relay(false, null, null, null, null, null) : relay;
		destinationCacheLimit = destinationCacheLimit == null ? 20_000 : destinationCacheLimit;
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
