package org.openwd.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** Task state changes leave the outbox as persistent AMQP messages on the openwd.events exchange (real broker). */
class TaskEventsAmqpIT extends IntegrationTest {

	@Autowired
	RabbitAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	@Test
	void relaysEveryStateChangeOfATaskToTheEventsExchange() throws Exception {
		Queue queue = new Queue("it.task-events." + UUID.randomUUID(), false, false, false);
		admin.declareQueue(queue);
		Binding binding = BindingBuilder.bind(queue).to(new TopicExchange("openwd.events")).with("task.#");
		admin.declareBinding(binding);
		try {
			var request = Api.newTask("amqp-" + UUID.randomUUID().toString().substring(0, 6));
			String id = api.post("connector", "/api/v1/tasks", request).text("id");
			api.post("connector", "/api/v1/tasks/" + id + "/cancel", java.util.Map.of("reason", "withdrawn"));
			List<Message> received = new ArrayList<>();
			long deadline = System.currentTimeMillis() + 20_000;
			// until its cancel arrives: a test before this one may have left an employee READY, who gets an offer first
			while (received.stream()
				.noneMatch(m -> new String(m.getBody()).contains(id)
						&& m.getMessageProperties().getReceivedRoutingKey().equals("task.canceled"))
					&& System.currentTimeMillis() < deadline) {
				Message message = rabbit.receive(queue.getName(), 1000);
				if (message != null) {
					received.add(message);
				}
			}
			// the relay publishes a transaction's events on several threads, so they may arrive in any order: the
			// consumer orders them by their seq, the task's change sequence in the message id (docs/architecture.md)
			List<Message> mine = received.stream()
				.filter(m -> new String(m.getBody()).contains(id))
				.sorted(java.util.Comparator.comparingInt(TaskEventsAmqpIT::seq))
				.toList();
			List<String> keys = mine.stream().map(m -> m.getMessageProperties().getReceivedRoutingKey()).toList();
			assertThat(keys).containsSubsequence("task.captured", "task.queued", "task.canceled")
				.allMatch(key -> key.equals("task.captured") || key.equals("task.queued") || key.equals("task.offered")
						|| key.equals("task.canceled"), "a capture, a queueing, an offer to a ready employee, or the cancel");
			assertThat(keys).filteredOn(key -> !key.equals("task.offered")).hasSize(3);
			// one message per change, its id the task's change sequence: 1, 2, ... without gaps or repeats
			assertThat(mine).extracting(m -> m.getMessageProperties().getMessageId())
				.containsExactlyInAnyOrderElementsOf(
						java.util.stream.IntStream.rangeClosed(1, mine.size()).mapToObj(seq -> id + ":" + seq).toList());
			Message canceled = mine.stream().filter(m -> m.getMessageProperties().getReceivedRoutingKey().equals("task.canceled"))
				.findFirst().orElseThrow();
			var json = Api.JSON.readTree(canceled.getBody());
			assertThat(json.path("reason").asText()).isEqualTo("withdrawn");
			assertThat(json.path("sourceSystem").asText()).isEqualTo(request.get("sourceSystem"));
			assertThat(canceled.getMessageProperties().getReceivedDeliveryMode().name()).isEqualTo("PERSISTENT");
		}
		finally {
			admin.deleteQueue(queue.getName());
		}
	}

	private static int seq(Message message) {
		String messageId = message.getMessageProperties().getMessageId();
		return Integer.parseInt(messageId.substring(messageId.lastIndexOf(':') + 1));
	}

}
