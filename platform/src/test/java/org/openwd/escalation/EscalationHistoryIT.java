package org.openwd.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * The history an escalation instance leaves in Camunda (setting {@code openwd.escalation.history=lean}, the default):
 * its process instance, start and end events and user tasks, none of its steps (actions, gateways, timers) and none of
 * its variables; the task's own history keeps every step. Other processes record what level {@code audit} records.
 */
class EscalationHistoryIT extends EscalationSupport {

	@Test
	void anEscalationInstanceRecordsItsLifecycleButNotItsStepsOrVariables() {
		String id = captureClaim("esc-hist");
		String instance = awaitWaitingAt(id, "Timer_SlaWarning");
		passTimersTo(id, instance, "Timer_SlaBreach");

		HistoryService history = engine.getHistoryService();
		HistoricProcessInstance recorded = history.createHistoricProcessInstanceQuery().processInstanceId(instance)
			.singleResult();
		assertThat(recorded).as("the process instance is recorded").isNotNull();
		assertThat(recorded.getBusinessKey()).isEqualTo(id);
		assertThat(recorded.getEndTime()).isNull();
		assertThat(activities(instance)).containsExactly("StartEvent_TaskQueued");
		assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).count()).isZero();
		assertThat(history.createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
		JsonNode warned = task(id);
		assertThat(hasHistory(warned, "PRIORITIZE", null)).as("the task's history keeps the step").isTrue();
		assertThat(hasHistory(warned, "ESCALATE", "warning")).isTrue();
		assertThat(engine.getRuntimeService().getVariable(instance, "dueTime")).as("runtime variables are untouched")
			.isNotNull();
	}

	@Test
	void anEndedEscalationRecordsHowItEndedAndItsReview() {
		String id = captureClaim("esc-hist");
		String instance = awaitWaitingAt(id, "Timer_SlaWarning");
		passTimersTo(id, instance, "Timer_SlaBreach", "Timer_ReviewDelay", "UserTask_SupervisorReview");
		String userTask = reviewOf(instance);

		assertThat(api.post("connector", "/api/v1/tasks/" + id + "/cancel", Map.of("reason", "customer withdrew")).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(escalation(id).path("status").asText()).isEqualTo("closed"));

		HistoricProcessInstance ended = engine.getHistoryService().createHistoricProcessInstanceQuery()
			.processInstanceId(instance).singleResult();
		assertThat(ended.getEndTime()).isNotNull();
		assertThat(ended.getEndActivityId()).as("Camunda names the event subprocess").isEqualTo("EventSubProcess_TaskClosed");
		assertThat(activities(instance)).containsExactlyInAnyOrder("StartEvent_TaskQueued", "UserTask_SupervisorReview",
				"EventSubProcess_TaskClosed", "StartEvent_TaskClosed", "EndEvent_TaskClosed");
		assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(userTask).singleResult())
			.as("the supervisor review's task instance").isNotNull();
		assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).count())
			.isZero();
	}

	@Test
	void otherProcessesKeepTheFullAuditHistory() {
		assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getName())
			.isEqualTo("audit");
		engine.getRepositoryService().createDeployment()
			.addModelInstance("openwd-it-history.bpmn", Bpmn.createExecutableProcess("openwd-it-history")
				.camundaHistoryTimeToLive(1)
				.startEvent("Start")
				.exclusiveGateway("Gateway")
				.intermediateThrowEvent("Throw")
				.endEvent("End")
				.done())
			.enableDuplicateFiltering(true)
			.deploy();

		ProcessInstance process = engine.getRuntimeService().startProcessInstanceByKey("openwd-it-history",
				Map.of("claim", "C-9"));

		assertThat(activities(process.getId())).containsExactlyInAnyOrder("Start", "Gateway", "Throw", "End");
		assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(process.getId())
			.variableName("claim").singleResult().getValue()).isEqualTo("C-9");
	}

	private List<String> activities(String instance) {
		return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
			.map(HistoricActivityInstance::getActivityId).toList();
	}

}
