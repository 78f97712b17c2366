package org.openwd.connector.bpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.openwd.connector.api.StateNotice;

/**
 * The bridge to a <em>remote</em> Camunda 7 engine keeps the connector contract, against a real Camunda REST API: a
 * separate Spring Boot application with Camunda's engine and {@code engine-rest} on a random port. The test drives
 * that engine through its Java API, and the bridge sees it only over HTTP.
 */
class RemoteCamundaUserTaskContractTests extends UserTaskSourceContract {

	@SpringBootApplication
	static class RemoteCamunda {
	}

	static ConfigurableApplicationContext remote;

	static ProcessEngine engine;

	static String restUrl;

	static final String PROCESS = "remote_review";

	@BeforeAll
	static void remoteEngine() {
		remote = new SpringApplicationBuilder(RemoteCamunda.class).properties("server.port=0",
				"spring.datasource.url=jdbc:h2:mem:remote-camunda-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"camunda.bpm.job-execution.enabled=false",
				"camunda.bpm.history-level=none", "camunda.bpm.generic-properties.properties.enforceHistoryTimeToLive=false")
			.run();
		engine = remote.getBean(ProcessEngine.class);
		restUrl = "http://127.0.0.1:" + remote.getEnvironment().getProperty("local.server.port") + "/engine-rest";
		BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
			.startEvent()
			.userTask("Task_Review")
			.name("${title}")
			.userTask("Task_AfterReview")
			.name("outcome ${outcome} by ${openwdCompletedBy}")
			.endEvent()
			.done();
		engine.getRepositoryService().createDeployment().addModelInstance("remote-review.bpmn", model).deploy();
	}

	@AfterAll
	static void close() {
		remote.close();
	}

	static UserTasks overRest() {
		return CamundaUserTaskProvider.userTasks(Map.of("rest-url", restUrl, "timeout", "PT5S"));
	}

	@Override
	protected ProcessEngine engine() {
		return engine;
	}

	@Override
	protected String process() {
		return PROCESS;
	}

	@Override
	protected UserTasks userTasks() {
		return overRest();
	}

	@Test
	void theProviderChoosesTheRestApiWhenARestUrlIsSet() {
		assertThat(overRest()).isInstanceOf(RemoteUserTasks.class);
		assertThat(CamundaUserTaskProvider.userTasks(Map.of())).isInstanceOf(EmbeddedUserTasks.class);
	}

	@Test
	void completingTheOpenWdTaskCompletesTheRemoteUserTaskWithTheOutcome() {
		engine.getRuntimeService().startProcessInstanceByKey(PROCESS, "CASE-R1", Map.of("caseId", "CASE-R1", "title", "Check"));
		Task review = task("CASE-R1");
		CamundaUserTaskWriteBack writeBack = new CamundaUserTaskWriteBack(overRest(), "outcome");
		writeBack.deliver(new StateNotice(UUID.randomUUID().toString(), "bpm", review.getId(), UUID.randomUUID().toString(),
				"completed", "COMPLETED", "approved", "agent", null, java.time.Instant.now(), 5));
		Task next = task("CASE-R1");
		assertThat(next.getTaskDefinitionKey()).isEqualTo("Task_AfterReview");
		assertThat(next.getName()).isEqualTo("outcome approved by agent");
		// a redelivery finds the user task gone and counts as delivered
		writeBack.deliver(new StateNotice(UUID.randomUUID().toString(), "bpm", review.getId(), UUID.randomUUID().toString(),
				"completed", "COMPLETED", "approved", "agent", null, java.time.Instant.now(), 5));
		assertThat(task("CASE-R1").getId()).isEqualTo(next.getId());
	}

	@Test
	void readsTheRemoteTasksFieldsAndVariables() {
		engine.getRuntimeService().startProcessInstanceByKey(PROCESS, "CASE-R2", Map.of("caseId", "CASE-R2", "title", "Read me"));
		List<UserTasks.UserTask> active = overRest().active(List.of(PROCESS), 10);
		assertThat(active).singleElement().satisfies(t -> {
			assertThat(t.name()).isEqualTo("Read me");
			assertThat(t.taskDefinitionKey()).isEqualTo("Task_Review");
			assertThat(t.created()).isNotNull();
		});
		assertThat(overRest().variables(active.get(0).id(), List.of("caseId"))).containsEntry("caseId", "CASE-R2");
		assertThat(overRest().active(List.of("other_process"), 10)).isEmpty();
	}

}
