package org.openwd.connector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.connector.amqp.AmqpSource;
import org.openwd.testing.Api;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AMQP connector hosted by the platform, configured by properties only, against the embedded broker (H2 run) or
 * RabbitMQ (MariaDB run): messages become tasks, poison goes to the dead-letter queue, state changes go back.
 */
class AmqpConnectorIT extends ConnectorIntegrationTest {

	@Autowired
	ConnectionFactory connectionFactory;

	RabbitTemplate rabbit;

	@Autowired
	org.springframework.boot.actuate.health.HealthContributorRegistry healthContributors;

	@BeforeEach
	void broker() {
		this.rabbit = new RabbitTemplate(this.connectionFactory);
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		admin.declareQueue(new Queue(AMQP_UPDATES, true));
		admin.purgeQueue(AMQP_UPDATES, false);
		admin.purgeQueue(AMQP_QUEUE + ".dlq", false);
	}

	/** Publishes on one channel, so the broker keeps the messages' order (a channel pool would not). */
	private void publish(String... json) {
		this.rabbit.invoke(operations -> {
			for (String body : json) {
				operations.send("", AMQP_QUEUE, MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
					.setContentType("application/json")
					.build());
			}
			return null;
		});
	}

	private Api.Response task(String caseId) {
		return this.api.get("admin", "/api/v1/sources/crm-it/tasks/" + caseId);
	}

	@Test
	void capturesAMessageAsATaskMappedByConfiguration() {
		String caseId = "CASE-" + UUID.randomUUID();
		publish("{\"caseId\":\"" + caseId + "\",\"subject\":\"  Invoice disputed \",\"due\":\"03.03.2031 17:30\",\"amount\":\"250\"}");

		await().atMost(Duration.ofSeconds(30)).until(() -> task(caseId).status() == 200);
		JsonNode task = task(caseId).body();
		assertThat(task.path("title").asText()).isEqualTo("Invoice disputed");
		assertThat(task.path("type").asText()).isEqualTo("claim");
		assertThat(task.path("attributes").path("amount").asInt()).isEqualTo(250);
		assertThat(task.path("attributes").path("channel").asText()).isEqualTo("email");
		assertThat(this.api.get("admin", "/api/v1/tasks/" + task.path("id").asText()).raw().body())
			.contains("connector:crm-it");
	}

	@Test
	void aRedeliveredMessageDoesNotCreateASecondTaskButAChangeUpdatesIt() {
		String caseId = "CASE-" + UUID.randomUUID();
		publish("{\"caseId\":\"" + caseId + "\",\"subject\":\"first\"}",
				"{\"caseId\":\"" + caseId + "\",\"subject\":\"first\"}",
				"{\"caseId\":\"" + caseId + "\",\"subject\":\"second\",\"action\":\"change\"}");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> task(caseId).status() == 200 && task(caseId).body().path("title").asText().equals("second"));
		JsonNode search = this.api.get("admin", "/api/v1/tasks?sourceSystem=crm-it&externalId=" + caseId).body();
		assertThat(search.toString()).contains(caseId);
	}

	@Test
	void movesMalformedMessagesToTheDeadLetterQueueWithTheReasonAndKeepsConsuming() {
		String caseId = "CASE-" + UUID.randomUUID();
		publish("{\"caseId\": \"broken", "{\"caseId\":\"" + caseId + "-bad\",\"due\":\"next week\"}",
				"{\"caseId\":\"" + caseId + "\",\"subject\":\"fine\"}");

		await().atMost(Duration.ofSeconds(30)).until(() -> task(caseId).status() == 200);
		Message first = this.rabbit.receive(AMQP_QUEUE + ".dlq", 10_000);
		Message second = this.rabbit.receive(AMQP_QUEUE + ".dlq", 10_000);
		assertThat(first).isNotNull();
		assertThat(second).isNotNull();
		assertThat((String) first.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.startsWith("payload: not well-formed JSON");
		assertThat((String) second.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.isEqualTo("dueTime: \"next week\" does not match dd.MM.yyyy HH:mm");
		assertThat(task(caseId + "-bad").status()).isEqualTo(404);
		assertThat(this.api.get("admin", "/api/v1/connectors/" + AMQP + "/malformed").raw().body())
			.contains("next week");
	}

	private long countTitled(String text) {
		return this.api.get("admin", "/api/v1/tasks?sourceSystem=crm-it&q=" + text + "&size=1").body()
			.path("totalElements")
			.asLong();
	}

	@Test
	void capturesABurstOfMessagesInBatchesExactlyOnceAlsoWhenTheWholeBurstIsRedelivered() {
		String run = "burst-" + UUID.randomUUID().toString().substring(0, 8);
		String[] burst = new String[300];
		for (int i = 0; i < burst.length; i++) {
			burst[i] = "{\"caseId\":\"" + run + "-" + i + "\",\"subject\":\"" + run + " item " + i + "\"}";
		}
		long capturedBefore = this.api.get("admin", "/api/v1/connectors/" + AMQP).body().path("captured").asLong();
		publish(burst);

		await().atMost(Duration.ofSeconds(60)).until(() -> countTitled(run) == 300);
		publish(burst);
		String marker = "CASE-" + UUID.randomUUID();
		publish("{\"caseId\":\"" + marker + "\",\"subject\":\"after the repeat\"}");
		await().atMost(Duration.ofSeconds(60)).until(() -> task(marker).status() == 200);

		assertThat(countTitled(run)).as("the repeated burst created no task").isEqualTo(300);
		assertThat(task(run + "-0").status()).isEqualTo(200);
		assertThat(task(run + "-299").status()).isEqualTo(200);
		// the consumers take batches in parallel: the marker's batch may commit before the repeat's last one
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				this.api.get("admin", "/api/v1/connectors/" + AMQP).body().path("captured").asLong() - capturedBefore)
			.as("every message of both bursts and the marker acknowledged as delivered")
			.isGreaterThanOrEqualTo(601));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> new RabbitAdmin(this.connectionFactory).getQueueInfo(AMQP_QUEUE).getMessageCount() == 0);
		assertThat(countTitled(run)).as("the repeated burst created no task").isEqualTo(300);
	}

	@Test
	void deadLettersOnlyTheMessageThePlatformRejectsAndCapturesTheOthersOfItsBatch() {
		String run = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
		String[] batch = new String[21];
		for (int i = 0; i < 20; i++) {
			batch[i < 10 ? i : i + 1] = "{\"caseId\":\"" + run + "-" + i + "\",\"subject\":\"" + run + " good " + i + "\"}";
		}
		// a work type longer than the task list's 100 characters: the platform rejects this item for good
		batch[10] = "{\"caseId\":\"" + run + "-bad\",\"subject\":\"" + run + " bad\",\"kind\":\"" + "k".repeat(101) + "\"}";
		publish(batch);

		await().atMost(Duration.ofSeconds(30)).until(() -> countTitled(run) == 20);
		Message dead = this.rabbit.receive(AMQP_QUEUE + ".dlq", 10_000);
		assertThat(dead).isNotNull();
		assertThat((String) dead.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.isEqualTo("rejected: type must be at most 100 characters");
		assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).contains(run + "-bad");
		assertThat(task(run + "-bad").status()).isEqualTo(404);
		assertThat(this.rabbit.receive(AMQP_QUEUE + ".dlq", 1_000)).as("only the rejected message").isNull();
	}

	@Test
	void writesTheCancelOfATaskBackAsAnAmqpMessage() throws Exception {
		String caseId = "CASE-" + UUID.randomUUID();
		publish("{\"caseId\":\"" + caseId + "\",\"subject\":\"to withdraw\"}");
		await().atMost(Duration.ofSeconds(30)).until(() -> task(caseId).status() == 200);
		publish("{\"caseId\":\"" + caseId + "\",\"action\":\"withdrawn\",\"reason\":\"customer withdrew\"}");

		Message update = this.rabbit.receive(AMQP_UPDATES, 30_000);
		assertThat(update).as("write-back message").isNotNull();
		JsonNode notice = Api.JSON.readTree(update.getBody());
		assertThat(notice.path("externalId").asText()).isEqualTo(caseId);
		assertThat(notice.path("event").asText()).isEqualTo("canceled");
		assertThat(notice.path("state").asText()).isEqualTo("CANCELED");
		assertThat(notice.path("reason").asText()).isEqualTo("customer withdrew");
		assertThat(task(caseId).body().path("state").asText()).isEqualTo("CANCELED");
	}

	@Test
	void anAdminPausesAndResumesTheConnectorAtRunTime() {
		assertThat(this.api.post("supervisor", "/api/v1/connectors/" + AMQP + "/pause", "").status()).isEqualTo(403);
		Api.Response paused = this.api.post("admin", "/api/v1/connectors/" + AMQP + "/pause", "");
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.text("status")).isEqualTo("PAUSED");
		String caseId = "CASE-" + UUID.randomUUID();
		try {
			publish("{\"caseId\":\"" + caseId + "\",\"subject\":\"while paused\"}");
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> task(caseId).status() == 404);
		}
		finally {
			assertThat(this.api.post("admin", "/api/v1/connectors/" + AMQP + "/resume", "").status()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> task(caseId).status() == 200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "UP".equals(this.api.get("admin", "/api/v1/connectors/" + AMQP).text("status")));
	}

	@Test
	void reportsHealthCountsAndMetricsPerConnector() {
		String caseId = "CASE-" + UUID.randomUUID();
		publish("{\"caseId\":\"" + caseId + "\",\"subject\":\"counted\"}");
		await().atMost(Duration.ofSeconds(30)).until(() -> task(caseId).status() == 200);

		JsonNode connector = this.api.get("supervisor", "/api/v1/connectors/" + AMQP).body();
		assertThat(connector.path("captured").asLong()).isPositive();
		assertThat(connector.path("type").asText()).isEqualTo("amqp");
		org.springframework.boot.actuate.health.Health health = ((org.springframework.boot.actuate.health.HealthIndicator) this.healthContributors
			.getContributor("connectors")).health();
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat(health.getDetails()).containsKey(AMQP);
		JsonNode metric = this.api.get("admin", "/actuator/metrics/openwd.connector.captured?tag=connector:" + AMQP).body();
		assertThat(metric.path("measurements").get(0).path("value").asDouble()).isPositive();
		assertThat(this.api.get("agent", "/api/v1/connectors").status()).isEqualTo(403);
		assertThat(this.api.get("admin", "/api/v1/connectors/nope").status()).isEqualTo(404);
	}

}
