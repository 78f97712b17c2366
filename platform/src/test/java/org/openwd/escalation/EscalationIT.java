package org.openwd.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.inbox.LiveClient;
import org.openwd.rules.BusinessCalendars;
import org.openwd.testing.Api;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The default escalation model end to end: a captured task is watched by an instance, the engine's clock passes the
 * warning and the due time, and the task's priority, targets, history and the supervisors' notifications (live channel
 * and AMQP) change as the model says; two business hours later an untouched task gets a supervisor review in the
 * global task list, and completing the task ends the instance.
 */
class EscalationIT extends EscalationSupport {

	@Autowired
	AmqpAdmin amqp;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	BusinessCalendars calendars;

	Queue alerts;

	LiveClient supervisor;

	BlockingQueue<JsonNode> supervisorView;

	@BeforeEach
	void listen() throws Exception {
		alerts = new Queue("it.escalation-events." + java.util.UUID.randomUUID(), false, false, false);
		amqp.declareQueue(alerts);
		amqp.declareBinding(BindingBuilder.bind(alerts).to(new TopicExchange("openwd.events")).with("escalation.#"));
		supervisor = LiveClient.connect("http://127.0.0.1:" + port, "supervisor");
		supervisorView = supervisor.subscribe("/topic/supervisors");
	}

	@AfterEach
	void stopListening() {
		supervisor.close();
		amqp.deleteQueue(alerts.getName());
	}

	@Test
	void escalatesAtTheWarningAndTheDueTimeAndOpensASupervisorReviewForAnUntouchedTask() throws Exception {
		String id = captureClaim("esc-it");
		String instance = awaitWaitingAt(id, "Timer_SlaWarning");
		JsonNode captured = task(id).path("task");
		assertThat(millis(escalation(id).path("nextTimerAt"))).isEqualTo(millis(captured.path("slaWarningAt")));

		passNextTimer(instance);

		awaitWaitingAt(id, "Timer_SlaBreach");
		JsonNode warned = task(id);
		assertThat(warned.path("task").path("priorityBoost").asInt()).isEqualTo(50);
		assertThat(warned.path("task").path("escalationStage").asText()).isEqualTo("warning");
		assertThat(hasHistory(warned, "PRIORITIZE", null)).isTrue();
		assertThat(hasHistory(warned, "ESCALATE", "warning")).isTrue();
		assertThat(millis(escalation(id).path("nextTimerAt"))).isEqualTo(millis(captured.path("dueTime")));
		assertNotified(id, "warning");

		Instant breach = passNextTimer(instance).toInstant();

		awaitWaitingAt(id, "Timer_ReviewDelay");
		JsonNode overdue = task(id);
		assertThat(overdue.path("task").path("targetStep").asInt()).isEqualTo(-1);
		assertThat(overdue.path("task").path("escalationStage").asText()).isEqualTo("overdue");
		assertThat(hasHistory(overdue, "RETARGET", null)).isTrue();
		assertThat(hasHistory(overdue, "ESCALATE", "overdue")).isTrue();
		assertNotified(id, "overdue");
		Instant reviewAt = Instant.parse(escalation(id).path("nextTimerAt").asText());
		Instant engineNow = breach.plusSeconds(1);
		assertThat(reviewAt).as("two business hours of the standard calendar after the breach")
			.isEqualTo(calendars.plus("standard", engineNow, Duration.ofHours(2)).orElseThrow()
				.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

		passNextTimer(instance);

		awaitWaitingAt(id, "UserTask_SupervisorReview");
		Task userTask = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
		Api.Response review = api.get("supervisor", "/api/v1/sources/escalation/tasks/" + userTask.getId());
		assertThat(review.status()).as(review.toString()).isEqualTo(200);
		JsonNode reviewTask = review.body().path("task").isMissingNode() ? review.body() : review.body().path("task");
		assertThat(reviewTask.path("type").asText()).isEqualTo("escalation-review");
		assertThat(reviewTask.path("routingProfile").asText()).isEqualTo("supervisor-review");
		assertThat(reviewTask.path("requiredSkills").toString()).contains("supervision");
		assertThat(reviewTask.path("attributes").path("escalatedTaskId").asText()).isEqualTo(id);
		assertThat(reviewTask.path("state").asText()).isIn("QUEUED", "OFFERED");

		Api.Response done = api.post("admin", "/api/v1/tasks/" + reviewTask.path("id").asText() + "/complete",
				Map.of("outcome", "reviewed"));
		assertThat(done.status()).as(done.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(escalation(id).path("status").asText())
			.isEqualTo("ended"));
		assertThat(passed(instance)).contains("UserTask_SupervisorReview", "EndEvent_Reviewed");
		assertThat(escalation(id).path("modelVersion").isNumber()).isTrue();
		assertThat(api.get("supervisor", "/api/v1/escalation/tasks/" + reviewTask.path("id").asText()).status())
			.as("reviews are not escalated themselves").isEqualTo(404);
	}

	@Test
	void completingTheTaskEndsItsEscalation() {
		String id = captureClaim("esc-it");
		String instance = awaitWaitingAt(id, "Timer_SlaWarning");

		Api.Response done = api.post("connector", "/api/v1/tasks/" + id + "/complete", Map.of("outcome", "paid"));
		assertThat(done.status()).as(done.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode status = escalation(id);
			assertThat(status.path("status").asText()).isEqualTo("closed");
			assertThat(status.path("outcome").asText()).isEqualTo("completed");
		});
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
		assertThat(passed(instance)).contains("StartEvent_TaskClosed", "EndEvent_TaskClosed")
			.doesNotContain("Task_RaisePriority");
		assertThat(hasHistory(task(id), "PRIORITIZE", null)).as("the warning step never ran").isFalse();
		assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance).count()).isZero();
	}

	@Test
	void aTaskClosedWhileItsReviewIsOpenWithdrawsTheReview() {
		String id = captureClaim("esc-it");
		String instance = awaitWaitingAt(id, "Timer_SlaWarning");
		passTimersTo(id, instance, "Timer_SlaBreach", "Timer_ReviewDelay", "UserTask_SupervisorReview");
		String userTask = reviewOf(instance);

		assertThat(api.post("connector", "/api/v1/tasks/" + id + "/cancel", Map.of("reason", "customer withdrew")).status())
			.isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(escalation(id).path("status").asText()).isEqualTo("closed");
			JsonNode review = api.get("supervisor", "/api/v1/sources/escalation/tasks/" + userTask).body();
			JsonNode reviewTask = review.path("task").isMissingNode() ? review : review.path("task");
			assertThat(reviewTask.path("state").asText()).isEqualTo("CANCELED");
		});
		assertThat(passed(instance)).contains("EndEvent_TaskClosed").doesNotContain("EndEvent_Reviewed");
	}

	/** Engine timers keep milliseconds. */
	private static Instant millis(JsonNode instant) {
		return Instant.parse(instant.asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
	}

	private List<String> passed(String instance) {
		return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
			.map(HistoricActivityInstance::getActivityId).toList();
	}

	private void assertNotified(String taskId, String stage) throws Exception {
		List<JsonNode> seen = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode next;
			while ((next = supervisorView.poll()) != null) {
				seen.add(next);
			}
			assertThat(seen).anySatisfy(message -> {
				assertThat(message.path("type").asText()).isEqualTo("escalation");
				assertThat(message.path("payload").path("taskId").asText()).isEqualTo(taskId);
				assertThat(message.path("payload").path("stage").asText()).isEqualTo(stage);
			});
		});
		List<JsonNode> events = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Message message = rabbit.receive(alerts.getName(), 200);
			if (message != null) {
				com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) Api.JSON
					.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
				events.add(body.put("routingKey", message.getMessageProperties().getReceivedRoutingKey()));
			}
			assertThat(events).anySatisfy(event -> {
				assertThat(event.path("taskId").asText()).isEqualTo(taskId);
				assertThat(event.path("routingKey").asText()).isEqualTo("escalation." + stage);
			});
		});
	}

}
