package org.openwd.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the escalation integration tests share: the engine's clock is moved past a timer and that timer's job is run
 * (the job executor is paused meanwhile, so the moved clock fires no other test's timers), and the escalation of a
 * task is read through the REST API.
 */
abstract class EscalationSupport extends IntegrationTest {

	@Autowired
	ProcessEngine engine;

	@BeforeEach
	void pauseJobExecutor() {
		configuration().getJobExecutor().shutdown();
	}

	@AfterEach
	void resumeJobExecutor() {
		ClockUtil.reset();
		configuration().getJobExecutor().start();
	}

	ProcessEngineConfigurationImpl configuration() {
		return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
	}

	/** Captures a claim (classified to claims-standard: due in two business days, warning four hours before). */
	String captureClaim(String source) {
		Map<String, Object> body = Api.newTask(source);
		Api.Response created = api.post("connector", "/api/v1/tasks", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("id");
	}

	JsonNode escalation(String taskId) {
		Api.Response response = api.get("supervisor", "/api/v1/escalation/tasks/" + taskId);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** Waits until the task's instance waits at the element; returns the process instance id. */
	String awaitWaitingAt(String taskId, String element) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode status = escalation(taskId);
			assertThat(status.path("status").asText()).isEqualTo("running");
			assertThat(status.path("waitingAt").toString()).contains(element);
		});
		return escalation(taskId).path("processInstanceId").asText();
	}

	/** Moves the engine's clock just past the instance's next timer and runs it; returns when the timer was due. */
	Date passNextTimer(String processInstanceId) {
		ManagementService management = engine.getManagementService();
		List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
		assertThat(timers).hasSize(1);
		Job timer = timers.get(0);
		ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1_000));
		management.executeJob(timer.getId());
		return timer.getDuedate();
	}

	/** From one wait state to the next: runs the instance's next timer and waits at each element in turn. */
	void passTimersTo(String taskId, String processInstanceId, String... elements) {
		for (String element : elements) {
			passNextTimer(processInstanceId);
			awaitWaitingAt(taskId, element);
		}
	}

	/** The id of the supervisor review an instance waits at (after {@code UserTask_SupervisorReview} was reached). */
	String reviewOf(String processInstanceId) {
		return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
	}

	JsonNode task(String taskId) {
		Api.Response response = api.get("admin", "/api/v1/tasks/" + taskId);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	static boolean hasHistory(JsonNode detail, String action, String stage) {
		for (JsonNode entry : detail.path("history")) {
			if (entry.path("action").asText().equals(action) && entry.path("actor").asText().equals("escalation")
					&& (stage == null || stage.equals(entry.path("details").path("stage").asText()))) {
				return true;
			}
		}
		return false;
	}

}
