package org.openwd.messaging.internal;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openwd.messaging.NodeIdentity;
import org.openwd.presence.PresenceChanged;
import org.openwd.task.TaskStateChanged;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Relays domain events from the persistent event publication registry (the outbox) to the AMQP topic exchange: task
 * state changes as {@code task.<state>} (e.g. {@code task.completed}), presence changes as {@code presence.<state>}.
 * A publication counts as done only when the broker confirmed the message; otherwise it stays incomplete and is
 * resubmitted, so subscribers get each change at least once (deduplicate on the {@code message-id} header). Other
 * platform nodes subscribe too: that is how a change on one node wakes up distribution on the others.
 */
@Component
@ConditionalOnProperty(name = "openwd.amqp.events.enabled", havingValue = "true", matchIfMissing = true)
class TaskEventRelay {

	private final RabbitTemplate rabbit;

	private final MessagingProperties properties;

	private final NodeIdentity node;

	TaskEventRelay(RabbitTemplate rabbit, MessagingProperties properties, NodeIdentity node) {
		this.rabbit = rabbit;
		this.properties = properties;
		this.node = node;
	}

	@ApplicationModuleListener
	void on(TaskStateChanged event) throws InterruptedException {
		publish("task." + event.to().name().toLowerCase(Locale.ROOT), event, event.taskId() + ":" + event.seq(),
				"openwd.task.state-changed", event.sourceSystem());
	}

	@ApplicationModuleListener
	void on(PresenceChanged event) throws InterruptedException {
		publish("presence." + event.to().name().toLowerCase(Locale.ROOT), event,
				"presence:" + event.employeeId() + ":" + event.at().toEpochMilli() + ":" + event.to(), "openwd.presence.changed",
				null);
	}

	private void publish(String routingKey, Object event, String messageId, String type, String sourceSystem)
			throws InterruptedException {
		CorrelationData correlation = new CorrelationData(messageId);
		rabbit.convertAndSend(properties.exchange(), routingKey, event, message -> {
			message.getMessageProperties().setMessageId(messageId);
			message.getMessageProperties().setType(type);
			message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			message.getMessageProperties().setHeader(NodeIdentity.HEADER, node.id());
			if (sourceSystem != null) {
				message.getMessageProperties().setHeader("openwd-source-system", sourceSystem);
			}
			return message;
		}, correlation);
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.isAck()) {
				throw new IllegalStateException("Broker refused event " + messageId + ": " + confirm.getReason());
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("No broker confirm for event " + messageId, ex);
		}
	}

}
