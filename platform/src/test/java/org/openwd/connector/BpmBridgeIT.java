package org.openwd.connector;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.openwd.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The BPM bridge on the embedded Camunda engine: a user task of a configured process becomes an OpenWD task, and
 * completing the OpenWD task completes the user task with the outcome as a process variable.
 */
class BpmBridgeIT extends ConnectorIntegrationTest {

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService camundaTasks;

	@Autowired
	HistoryService history;

	@Test
	void aUserTaskBecomesATaskAndCompletingItCompletesTheUserTaskWithTheOutcome() {
		this.repository.createDeployment()
			.addModelInstance("openwd-it-bridge.bpmn", Bpmn.createExecutableProcess(BPM_PROCESS)
				.camundaHistoryTimeToLive(1)
				.startEvent()
				.userTask("Task_CheckClaim")
				.name("Check claim ${claim}")
				.endEvent()
				.done())
			.enableDuplicateFiltering(true)
			.deploy();
		ProcessInstance process = this.runtime.startProcessInstanceByKey(BPM_PROCESS, Map.of("claim", "C-77"));
		String userTask = this.camundaTasks.createTaskQuery().processInstanceId(process.getId()).singleResult().getId();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.api.get("admin", "/api/v1/sources/camunda-it/tasks/" + userTask).status() == 200);
		Api.Response task = this.api.get("admin", "/api/v1/sources/camunda-it/tasks/" + userTask);
		assertThat(task.text("title")).isEqualTo("Check claim C-77");
		assertThat(task.text("type")).isEqualTo("Task_CheckClaim");

		Api.Response completed = this.api.post("connector", "/api/v1/sources/camunda-it/tasks/" + userTask + "/complete",
				Map.of("outcome", "approved"));
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.runtime.createProcessInstanceQuery().processInstanceId(process.getId()).count() == 0);
		assertThat(this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(process.getId())
			.variableName("outcome")
			.singleResult()
			.getValue()).isEqualTo("approved");
	}

}
