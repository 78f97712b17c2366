package org.openwd.connector.amqp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openwd.connector.api.StateNotice;
import org.openwd.connector.api.WriteBack;
import org.openwd.connector.mapping.StateNoticeJson;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Write-back as an AMQP message: a persistent JSON message (see {@link StateNoticeJson}) to an exchange, routing key
 * from a pattern with {@code {sourceSystem}}, {@code {event}} and {@code {state}} placeholders. With publisher
 * confirms on the connection factory, {@link #deliver} returns only after the broker confirmed the message; message
 * id = the delivery id, so consumers can drop redeliveries.
 */
public final class AmqpWriteBack implements WriteBack {

	private final RabbitTemplate template;

	private final String exchange;

	private final String routingKey;

	private final Duration confirmTimeout;

	public AmqpWriteBack(RabbitTemplate template, String exchange, String routingKey, Duration confirmTimeout) {
		this.template = template;
		this.exchange = exchange == null ? "" : exchange;
		this.routingKey = routingKey;
		this.confirmTimeout = confirmTimeout;
	}

	@Override
	public void deliver(StateNotice notice) throws Exception {
		Message message = MessageBuilder.withBody(StateNoticeJson.toJson(notice))
			.setContentType("application/json")
			.setMessageId(notice.deliveryId())
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader("x-openwd-event", notice.event())
			.build();
		String key = this.routingKey.replace("{sourceSystem}", notice.sourceSystem())
			.replace("{event}", notice.event())
			.replace("{state}", notice.state());
		if (!this.template.getConnectionFactory().isPublisherConfirms()) {
			this.template.send(this.exchange, key, message);
			return;
		}
		CorrelationData correlation = new CorrelationData(notice.deliveryId());
		this.template.send(this.exchange, key, message, correlation);
		CorrelationData.Confirm confirm = correlation.getFuture().get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!confirm.isAck()) {
			throw new IllegalStateException("broker did not confirm the message: " + confirm.getReason());
		}
		if (correlation.getReturned() != null) {
			throw new IllegalStateException("message was returned unroutable: " + correlation.getReturned().getReplyText());
		}
	}

}
