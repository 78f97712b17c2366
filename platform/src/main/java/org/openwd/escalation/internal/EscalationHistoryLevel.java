package org.openwd.escalation.internal;

import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Camunda's history level {@code audit}, leaner for escalation instances (history setting
 * {@code openwd.escalation.history=lean}, the default).
 * <p>
 * For every process that is not an escalation model (e.g. processes of the BPM bridge) it records exactly what
 * {@code audit} records. For escalation instances it keeps the history that says what happened to the instance and
 * drops the per-step trail that the task's own history already holds (each action writes its entry there, with the
 * actor {@code escalation}):
 * <ul>
 * <li>kept: the process instance (start, end with its end event and delete reason, update, migration), user tasks
 * (supervisor reviews: task instances and their activity instances), start and end events (including those of
 * event subprocesses, e.g. the close message) and subprocess scopes;</li>
 * <li>dropped: activity instances of service tasks (the actions), gateways, intermediate and boundary events (the
 * timers), and every variable instance (the variables are copies of the task's fields and the actions' input
 * parameters).</li>
 * </ul>
 * Same id and name as {@code audit}, so a database created at {@code audit} starts with either setting (Camunda
 * refuses to start when the stored level's id differs), and switching back to {@code openwd.escalation.history=audit}
 * records everything again from then on. Escalation definitions are recognised by a property the engine plugin sets
 * when it parses a model of an escalation deployment ({@link #markEscalation}).
 */
final class EscalationHistoryLevel extends AbstractHistoryLevel {

	/** Property of a parsed process definition that marks it as an escalation model. */
	static final String ESCALATION_PROPERTY = "openwd.escalationModel";

	private static final HistoryLevel AUDIT = HistoryLevel.HISTORY_LEVEL_AUDIT;

	/** Activity types whose instances are recorded for escalation instances. */
	private static final Set<String> KEPT_ACTIVITIES = Set.of(ActivityTypes.TASK_USER_TASK, ActivityTypes.SUB_PROCESS,
			ActivityTypes.SUB_PROCESS_AD_HOC, ActivityTypes.CALL_ACTIVITY, ActivityTypes.START_EVENT,
			ActivityTypes.START_EVENT_MESSAGE, ActivityTypes.START_EVENT_SIGNAL, ActivityTypes.START_EVENT_TIMER,
			ActivityTypes.START_EVENT_ESCALATION, ActivityTypes.START_EVENT_ERROR, ActivityTypes.START_EVENT_CONDITIONAL,
			ActivityTypes.START_EVENT_COMPENSATION, ActivityTypes.END_EVENT_NONE, ActivityTypes.END_EVENT_ERROR,
			ActivityTypes.END_EVENT_CANCEL, ActivityTypes.END_EVENT_TERMINATE, ActivityTypes.END_EVENT_MESSAGE,
			ActivityTypes.END_EVENT_SIGNAL, ActivityTypes.END_EVENT_COMPENSATION, ActivityTypes.END_EVENT_ESCALATION);

	@Override
	public int getId() {
		return AUDIT.getId();
	}

	@Override
	public String getName() {
		return AUDIT.getName();
	}

	@Override
	public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
		boolean audit = AUDIT.isHistoryEventProduced(eventType, entity);
		if (!audit || entity == null) {
			// without an entity Camunda asks whether the event can occur at all (e.g. to add its listeners)
			return audit;
		}
		ProcessDefinitionEntity definition = definitionOf(entity);
		if (definition == null || !isEscalation(definition)) {
			return true;
		}
		return producedForEscalation(eventType, entity);
	}

	/** What an escalation instance records of the events {@code audit} produces. */
	static boolean producedForEscalation(HistoryEventType eventType, Object entity) {
		if (isVariableEvent(eventType)) {
			return false;
		}
		if (isActivityEvent(eventType) && entity instanceof ExecutionEntity execution) {
			return keptActivity(execution);
		}
		return true; // process instance, task instance and anything else audit produces
	}

	static void markEscalation(ProcessDefinitionEntity definition) {
		definition.setProperty(ESCALATION_PROPERTY, Boolean.TRUE);
	}

	static boolean isEscalation(ProcessDefinitionEntity definition) {
		return Boolean.TRUE.equals(definition.getProperty(ESCALATION_PROPERTY));
	}

	private static boolean keptActivity(ExecutionEntity execution) {
		ActivityImpl activity = execution.getEventSource() instanceof ActivityImpl source ? source : execution.getActivity();
		if (activity == null) {
			return true;
		}
		Object type = activity.getProperty("type");
		return type == null || KEPT_ACTIVITIES.contains(type.toString());
	}

	private static boolean isVariableEvent(HistoryEventType type) {
		return type == HistoryEventTypes.VARIABLE_INSTANCE_CREATE || type == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE
				|| type == HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE || type == HistoryEventTypes.VARIABLE_INSTANCE_DELETE;
	}

	private static boolean isActivityEvent(HistoryEventType type) {
		return type == HistoryEventTypes.ACTIVITY_INSTANCE_START || type == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE
				|| type == HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE || type == HistoryEventTypes.ACTIVITY_INSTANCE_END;
	}

	private static ProcessDefinitionEntity definitionOf(Object entity) {
		if (entity instanceof ExecutionEntity execution) {
			return execution.getProcessDefinition();
		}
		if (entity instanceof TaskEntity task) {
			return byId(task.getProcessDefinitionId());
		}
		if (entity instanceof VariableInstanceEntity variable) {
			String id = variable.getProcessDefinitionId();
			if (id == null && variable.getExecutionId() != null && variable.getExecution() != null) {
				return variable.getExecution().getProcessDefinition();
			}
			return byId(id);
		}
		return null;
	}

	private static ProcessDefinitionEntity byId(String processDefinitionId) {
		if (processDefinitionId == null || Context.getProcessEngineConfiguration() == null) {
			return null;
		}
		return Context.getProcessEngineConfiguration().getDeploymentCache()
			.findDeployedProcessDefinitionById(processDefinitionId);
	}

}
