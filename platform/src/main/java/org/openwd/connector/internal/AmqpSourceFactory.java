package org.openwd.connector.internal;

import java.time.Clock;
import java.time.Duration;

import org.openwd.connector.amqp.AmqpSource;
import org.openwd.connector.amqp.AmqpSourceSettings;
import org.openwd.connector.amqp.AmqpWriteBack;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;
import org.openwd.connector.mapping.ItemMapping;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** {@code type=amqp}: consumes from a queue on the platform's AMQP connection (RabbitMQ, or the embedded broker). */
final class AmqpSourceFactory implements SourceFactory {

	private final ConnectionFactory connectionFactory;

	private final Clock clock;

	AmqpSourceFactory(ConnectionFactory connectionFactory, Clock clock) {
		this.connectionFactory = connectionFactory;
		this.clock = clock;
	}

	@Override
	public String type() {
		return "amqp";
	}

	@Override
	public ConnectorSource createSource(String name, ConnectorProperties.Instance instance) {
		try {
			return new AmqpSource(name, this.connectionFactory, AmqpSourceSettings.from(instance.settings()),
					ItemMapping.of(instance.sourceSystemOr(name), instance.mapping()), this.clock);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("openwd.connectors.instances." + name + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public WriteBack createWriteBack(String name, ConnectorProperties.Instance instance) {
		var settings = instance.writeBack().settings();
		RabbitTemplate template = new RabbitTemplate(this.connectionFactory);
		return new AmqpWriteBack(template, settings.getOrDefault("exchange", ""),
				settings.getOrDefault("routing-key", "{sourceSystem}.{event}"),
				Duration.parse(settings.getOrDefault("confirm-timeout", "PT10S")));
	}

}
