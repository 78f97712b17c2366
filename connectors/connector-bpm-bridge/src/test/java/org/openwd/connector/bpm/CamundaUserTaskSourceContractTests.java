package org.openwd.connector.bpm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.ConnectorContractTest;

/**
 * The BPM bridge keeps the connector contract against a real (in-memory, H2) Camunda 7 engine: starting a process
 * creates the user task, renaming it is an update, deleting the process instance is a cancel.
 */
class CamundaUserTaskSourceContractTests extends ConnectorContractTest {

	static ProcessEngine engine;

	static final String PROCESS = "contract_review";

	@BeforeAll
	static void engine() {
		engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:camunda-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.setJobExecutorActivate(false)
			.setHistory(ProcessEngineConfiguration.HISTORY_NONE)
			.buildProcessEngine();
		BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.userTask("Task_Review")
			.name("${title}")
			.endEvent()
			.done();
		engine.getRepositoryService().createDeployment().addModelInstance("review.bpmn", model).deploy();
	}

	/** Every contract test starts with no user tasks: the engine is shared, and the kit's sinks are not. */
	@BeforeEach
	void noUserTasks() {
		engine.getRuntimeService().createProcessInstanceQuery().list()
			.forEach(process -> engine.getRuntimeService().deleteProcessInstance(process.getId(), "clean-up"));
	}

	@AfterAll
	static void close() {
		engine.close();
	}

	@Override
	protected ConnectorSource newSource() {
		return new CamundaUserTaskSource("bpm-contract", new EmbeddedUserTasks(engine::getTaskService), List.of(PROCESS), List.of("caseId", "due"),
				ItemMapping.of("bpm", Map.of("externalId", "var.caseId", "title", "name", "type", "taskDefinitionKey", "dueTime",
						"var.due | date:dd.MM.yyyy")),
				Duration.ofMillis(50), Clock.systemUTC());
	}

	@Override
	protected String sourceSystem() {
		return "bpm";
	}

	@Override
	protected void sendCapture(String externalId, String title) {
		engine.getRuntimeService().startProcessInstanceByKey(PROCESS, externalId, Map.of("caseId", externalId, "title", title));
	}

	private Task task(String externalId) {
		return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(externalId).singleResult();
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) {
		Task task = task(externalId);
		task.setName(newTitle);
		engine.getTaskService().saveTask(task);
	}

	@Override
	protected void sendCancel(String externalId, String reason) {
		engine.getRuntimeService().deleteProcessInstance(task(externalId).getProcessInstanceId(), reason);
	}

	@Override
	protected void sendMalformed(String marker) {
		engine.getRuntimeService().startProcessInstanceByKey(PROCESS, marker,
				Map.of("caseId", marker, "title", "bad due", "due", "someday"));
	}

}
