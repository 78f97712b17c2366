package org.openwd.messaging.internal;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.openwd.task.TaskStateChanged;

/**
 * Relays every task state change from the persistent event publication registry (the outbox) to the AMQP topic
 * exchange, routing key {@code task.<state>} (e.g. {@code task.completed}). A publication counts as done only when the
 * broker confirmed the message; otherwise it stays incomplete and is resubmitted, so subscribers get each change at
 * least once (deduplicate on the {@code message-id} header: {@code <taskId>:<seq>}).
 */
@Component
@ConditionalOnProperty(name = "openwd.amqp.events.enabled", havingValue = "true", matchIfMissing = true)
class TaskEventRelay {

	private final RabbitTemplate rabbit;

	private final MessagingProperties properties;

	TaskEventRelay(RabbitTemplate rabbit, MessagingProperties properties) {
		this.rabbit = rabbit;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(TaskStateChanged event) throws InterruptedException {
		String messageId = event.taskId() + ":" + event.seq();
		CorrelationData correlation = new CorrelationData(messageId);
		rabbit.convertAndSend(properties.exchange(), "task." + event.to().name().toLowerCase(Locale.ROOT), event, message -> {
			message.getMessageProperties().setMessageId(messageId);
			message.getMessageProperties().setType("openwd.task.state-changed");
			message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			message.getMessageProperties().setHeader("openwd-source-system", event.sourceSystem());
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
