package org.openwd.escalation.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.escalation.EscalationNotified;
import org.openwd.inbox.LiveChannel;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Delivers {@link EscalationNotified} after the escalation step committed (from the persistent event publication
 * registry, at least once): to every connected supervisor on the live channel ({@code /topic/supervisors}, message
 * type {@code escalation}; best effort, the supervisor view re-reads on reconnect) and, durably, to the AMQP exchange
 * {@code openwd.events} with routing key {@code escalation.<stage>} (message id {@code escalation:<instance>:<element>}
 * for de-duplication; the publication stays incomplete until the broker confirms).
 */
@Component
class SupervisorAlerts {

	private static final Logger log = LoggerFactory.getLogger(SupervisorAlerts.class);

	static final String LIVE_TYPE = "escalation";

	private final ObjectProvider<LiveChannel> live;

	private final ObjectProvider<RabbitTemplate> rabbit;

	private final String exchange;

	private final boolean amqpEnabled;

	private final Duration confirmTimeout;

	SupervisorAlerts(ObjectProvider<LiveChannel> live, ObjectProvider<RabbitTemplate> rabbit,
			@Value("${openwd.amqp.events.exchange:openwd.events}") String exchange,
			@Value("${openwd.amqp.events.enabled:true}") boolean amqpEnabled,
			@Value("${openwd.amqp.events.confirm-timeout:PT10S}") Duration confirmTimeout) {
		this.live = live;
		this.rabbit = rabbit;
		this.exchange = exchange;
		this.amqpEnabled = amqpEnabled;
		this.confirmTimeout = confirmTimeout;
	}

	@ApplicationModuleListener
	void on(EscalationNotified event) throws InterruptedException {
		LiveChannel channel = live.getIfAvailable();
		if (channel != null) {
			try {
				channel.toSupervisors(LIVE_TYPE, payload(event));
			}
			catch (RuntimeException ex) {
				log.warn("Live escalation notice for task {} failed; supervisors see it on their next refresh", event.taskId(), ex);
			}
		}
		RabbitTemplate template = rabbit.getIfAvailable();
		if (amqpEnabled && template != null) {
			publish(template, event);
		}
	}

	private void publish(RabbitTemplate template, EscalationNotified event) throws InterruptedException {
		String messageId = "escalation:" + event.processInstanceId() + ":" + event.activityId();
		CorrelationData correlation = new CorrelationData(messageId);
		template.convertAndSend(exchange, "escalation." + event.stage(), payload(event), message -> {
			message.getMessageProperties().setMessageId(messageId);
			message.getMessageProperties().setType("openwd.escalation.notified");
			message.getMessageProperties().setContentType("application/json");
			message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			return message;
		}, correlation);
		try {
			CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!confirm.isAck()) {
				throw new IllegalStateException("Broker refused escalation event " + messageId + ": " + confirm.getReason());
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("No broker confirm for escalation event " + messageId, ex);
		}
	}

	static Map<String, Object> payload(EscalationNotified event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("taskId", event.taskId().toString());
		body.put("stage", event.stage());
		body.put("message", event.message());
		body.put("department", event.department());
		body.put("routingProfile", event.routingProfile());
		body.put("title", event.title());
		body.put("dueTime", event.dueTime() == null ? null : event.dueTime().toString());
		body.put("processInstanceId", event.processInstanceId());
		body.put("activityId", event.activityId());
		body.put("at", event.at().toString());
		return body;
	}

}
