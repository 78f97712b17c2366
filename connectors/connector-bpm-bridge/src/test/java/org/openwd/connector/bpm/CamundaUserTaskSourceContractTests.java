package org.openwd.connector.bpm;

import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The BPM bridge keeps the connector contract against a real (in-memory, H2) Camunda 7 engine in the same JVM, through
 * its Java API.
 */
class CamundaUserTaskSourceContractTests extends UserTaskSourceContract {

	static ProcessEngine engine;

	static final String PROCESS = "contract_review";

	@BeforeAll
	static void startEngine() {
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

	@AfterAll
	static void close() {
		engine.close();
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
		return new EmbeddedUserTasks(engine::getTaskService);
	}

}
