package org.openwd.messaging.internal;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openwd.messaging.NodeIdentity;
import org.openwd.messaging.RemotePresenceChange;
import org.openwd.messaging.RemoteTaskChange;
import org.openwd.task.TaskId;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Hears other nodes' task and presence changes on the event exchange (each node has its own exclusive, auto-deleted
 * queue), skips this node's own events (handled in-process already) and republishes the rest in-process as
 * {@link RemoteTaskChange} / {@link RemotePresenceChange}, so in-memory views (queue order, distribution) stay current
 * on every node.
 */
@Component
@ConditionalOnProperty(name = "openwd.cluster.events", havingValue = "true", matchIfMissing = true)
class ClusterBridge {

	private final NodeIdentity node;

	private final ApplicationEventPublisher events;

	private final ObjectMapper mapper;

	ClusterBridge(NodeIdentity node, ApplicationEventPublisher events, ObjectMapper mapper) {
		this.node = node;
		this.events = events;
		this.mapper = mapper;
	}

	/**
	 * Reads the raw message: Spring AMQP converts every delivered payload before it calls a listener, even one that
	 * takes the {@link Message}, and with the JSON converter that built a full event object of every change this node
	 * published itself (the most frequent case, skipped right here). The pass-through converter leaves the bytes.
	 */
	@RabbitListener(queues = "#{@openwdNodeQueue.name}", messageConverter = "clusterBridgeMessages")
	void on(Message message) throws IOException {
		if (node.id().equals(message.getMessageProperties().getHeader(NodeIdentity.HEADER))) {
			return;
		}
		JsonNode body = mapper.readTree(message.getBody());
		String key = message.getMessageProperties().getReceivedRoutingKey();
		if (key.startsWith("task.")) {
			events.publishEvent(new RemoteTaskChange(TaskId.of(body.path("taskId").asText()), text(body, "employee"),
					text(body, "previousEmployee")));
		}
		else if (key.startsWith("presence.")) {
			events.publishEvent(new RemotePresenceChange(body.path("employeeId").asText()));
		}
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = body.path(field);
		return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "openwd.cluster.events", havingValue = "true", matchIfMissing = true)
	static class Topology {

		/** Leaves JSON bodies as bytes (no parsing); by name only, so the application's JSON converter stays the default. */
		@Bean(defaultCandidate = false)
		org.springframework.amqp.support.converter.MessageConverter clusterBridgeMessages() {
			return new org.springframework.amqp.support.converter.SimpleMessageConverter();
		}

		@Bean
		Queue openwdNodeQueue(NodeIdentity node) {
			return new Queue("openwd.node." + node.id(), false, true, true);
		}

		@Bean
		Declarables openwdNodeBindings(Queue openwdNodeQueue, MessagingProperties properties) {
			TopicExchange events = new TopicExchange(properties.exchange(), true, false);
			return new Declarables(BindingBuilder.bind(openwdNodeQueue).to(events).with("task.#"),
					BindingBuilder.bind(openwdNodeQueue).to(events).with("presence.#"));
		}

	}

}
