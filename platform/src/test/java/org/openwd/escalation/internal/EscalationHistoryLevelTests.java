package org.openwd.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the lean history level records for escalation instances and for everything else (plain engine objects, no engine). */
class EscalationHistoryLevelTests {

	private final EscalationHistoryLevel level = new EscalationHistoryLevel();

	@Test
	void looksLikeAuditToTheEngineSoADatabaseCreatedAtAuditStarts() {
		assertThat(level.getId()).isEqualTo(HistoryLevel.HISTORY_LEVEL_AUDIT.getId());
		assertThat(level.getName()).isEqualTo("audit");
	}

	@Test
	void recordsEverythingAuditRecordsForProcessesThatAreNotEscalationModels() {
		ExecutionEntity execution = executionAt(definition(false), ActivityTypes.TASK_SERVICE);

		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, execution)).isTrue();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_END, execution)).isTrue();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_START, execution)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { ActivityTypes.TASK_SERVICE, ActivityTypes.GATEWAY_EXCLUSIVE, ActivityTypes.INTERMEDIATE_EVENT_TIMER,
			ActivityTypes.BOUNDARY_TIMER })
	void dropsTheStepsOfAnEscalationInstance(String type) {
		ExecutionEntity execution = executionAt(definition(true), type);

		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, execution)).isFalse();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_END, execution)).isFalse();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, execution)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { ActivityTypes.START_EVENT, ActivityTypes.START_EVENT_MESSAGE, ActivityTypes.END_EVENT_NONE,
			ActivityTypes.TASK_USER_TASK, ActivityTypes.SUB_PROCESS })
	void keepsStartAndEndEventsUserTasksAndScopesOfAnEscalationInstance(String type) {
		ExecutionEntity execution = executionAt(definition(true), type);

		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, execution)).isTrue();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_END, execution)).isTrue();
	}

	@Test
	void keepsTheProcessInstanceOfAnEscalationAndDropsItsVariables() {
		ExecutionEntity execution = executionAt(definition(true), ActivityTypes.TASK_SERVICE);

		assertThat(level.isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_START, execution)).isTrue();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.PROCESS_INSTANCE_END, execution)).isTrue();
		assertThat(EscalationHistoryLevel.producedForEscalation(HistoryEventTypes.VARIABLE_INSTANCE_CREATE, execution)).isFalse();
		assertThat(EscalationHistoryLevel.producedForEscalation(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, execution)).isFalse();
		assertThat(EscalationHistoryLevel.producedForEscalation(HistoryEventTypes.VARIABLE_INSTANCE_DELETE, execution)).isFalse();
	}

	@Test
	void producesNothingAuditWouldNotAndAnswersTheEnginesGeneralQuestionsLikeAudit() {
		ExecutionEntity execution = executionAt(definition(true), ActivityTypes.START_EVENT);

		assertThat(level.isHistoryEventProduced(HistoryEventTypes.INCIDENT_CREATE, execution))
			.isEqualTo(HistoryLevel.HISTORY_LEVEL_AUDIT.isHistoryEventProduced(HistoryEventTypes.INCIDENT_CREATE, execution));
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.USER_OPERATION_LOG, null)).isFalse();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, null)).isTrue();
		assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE, null)).isTrue();
	}

	private static ProcessDefinitionEntity definition(boolean escalation) {
		ProcessDefinitionEntity definition = new ProcessDefinitionEntity();
		definition.setId("openwd-escalation:1:1");
		if (escalation) {
			EscalationHistoryLevel.markEscalation(definition);
		}
		return definition;
	}

	private static ExecutionEntity executionAt(ProcessDefinitionEntity definition, String type) {
		ActivityImpl activity = definition.createActivity("Activity_" + type);
		activity.setProperty("type", type);
		ExecutionEntity execution = new ExecutionEntity();
		execution.setProcessDefinition(definition);
		execution.setActivity(activity);
		execution.setEventSource(activity);
		return execution;
	}

}
