package org.openwd.messaging.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where domain events go on the AMQP broker.
 * @param exchange durable topic exchange receiving task events (default {@code openwd.events})
 * @param confirmTimeout how long to wait for the broker's publisher confirm before the publication is retried later
 */
@ConfigurationProperties("openwd.amqp.events")
record MessagingProperties(String exchange, Duration confirmTimeout) {

	MessagingProperties {
		exchange = exchange == null ? "openwd.events" : exchange;
		confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
	}

}
