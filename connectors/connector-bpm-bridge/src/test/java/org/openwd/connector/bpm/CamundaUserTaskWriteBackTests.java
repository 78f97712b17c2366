package org.openwd.connector.bpm;

import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.connector.api.StateNotice;

import static org.assertj.core.api.Assertions.assertThat;

class CamundaUserTaskWriteBackTests {

	static ProcessEngine engine;

	@BeforeAll
	static void engine() {
		engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:camunda-wb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.setJobExecutorActivate(false)
			.buildProcessEngine();
		engine.getRepositoryService()
			.createDeployment()
			.addModelInstance("approve.bpmn", Bpmn.createExecutableProcess("approve")
				.camundaHistoryTimeToLive(1)
				.startEvent()
				.userTask("Task_Approve")
				.name("Approve")
				.exclusiveGateway("Gateway_Outcome")
				.condition("approved", "${outcome == 'approved'}")
				.userTask("Task_Pay")
				.name("Pay")
				.endEvent()
				.moveToLastGateway()
				.condition("rejected", "${outcome != 'approved'}")
				.endEvent()
				.done())
			.deploy();
	}

	@AfterAll
	static void close() {
		engine.close();
	}

	@Test
	void completesTheUserTaskWithTheOutcomeSoTheProcessFollowsIt() {
		ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey("approve");
		String userTask = engine.getTaskService().createTaskQuery().processInstanceId(process.getId()).singleResult().getId();
		CamundaUserTaskWriteBack writeBack = new CamundaUserTaskWriteBack(new EmbeddedUserTasks(engine::getTaskService), "outcome");

		writeBack.deliver(new StateNotice("d1", "bpm", userTask, "t1", "completed", "COMPLETED", "approved", "agent", null,
				Instant.EPOCH, 5));

		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(process.getId()).singleResult().getName())
			.isEqualTo("Pay");
		assertThat(engine.getRuntimeService().getVariables(process.getId()))
			.containsEntry("outcome", "approved")
			.containsEntry("openwdCompletedBy", "agent");
	}

	@Test
	void treatsAUserTaskThatIsGoneAsDeliveredAndIgnoresOtherEvents() {
		CamundaUserTaskWriteBack writeBack = new CamundaUserTaskWriteBack(new EmbeddedUserTasks(engine::getTaskService), "outcome");

		writeBack.deliver(new StateNotice("d2", "bpm", "no-such-task", "t2", "completed", "COMPLETED", "x", null, null,
				Instant.EPOCH, 1));
		ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey("approve");
		String userTask = engine.getTaskService().createTaskQuery().processInstanceId(process.getId()).singleResult().getId();
		writeBack.deliver(new StateNotice("d3", "bpm", userTask, "t3", "assigned", "ASSIGNED", null, "agent", null,
				Instant.EPOCH, 2));

		assertThat(engine.getTaskService().createTaskQuery().taskId(userTask).singleResult()).isNotNull();
		assertThat(engine.getRuntimeService().getVariables(process.getId())).doesNotContainKey("outcome");
	}

}
