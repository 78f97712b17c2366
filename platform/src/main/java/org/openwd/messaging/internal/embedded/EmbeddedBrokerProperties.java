package org.openwd.messaging.internal.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded AMQP broker ({@code openwd.amqp.embedded.*}).
 *
 * @param enabled  run the in-JVM broker and point Spring AMQP at it (ignores {@code spring.rabbitmq.host/port/...})
 * @param port     TCP port on 127.0.0.1; 0 picks a free one
 * @param username the one user the broker accepts, and the one Spring AMQP logs in with
 * @param password that user's password
 * @param workDir  the broker's directory; empty means {@code ${openwd.data-dir:./data}/broker}
 * @param durable  keep durable queues and persistent messages across restarts (Derby store under the work directory);
 *                 false keeps everything in memory
 */
@ConfigurationProperties(prefix = "openwd.amqp.embedded")
public record EmbeddedBrokerProperties(
		boolean enabled,
		@DefaultValue("5682") int port,
		@DefaultValue("openwd") String username,
		@DefaultValue("openwd-embedded") String password,
		String workDir,
		@DefaultValue("true") boolean durable) {

	/** The work directory used when {@code work-dir} is not set; a placeholder resolved against the environment. */
	public static final String DEFAULT_WORK_DIR = "${openwd.data-dir:./data}/broker";
}
