package org.openwd.connector.bpm;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

import org.openwd.connector.api.StateNotice;
import org.openwd.connector.api.WriteBack;

/**
 * Completes the BPMN user task when its OpenWD task completed, with the outcome (and who did it) as process variables,
 * so the process continues on the outcome. A user task that is already gone counts as delivered (a redelivery, or it
 * ended in the engine). Other events are ignored.
 */
final class CamundaUserTaskWriteBack implements WriteBack {

	private final java.util.function.Supplier<TaskService> tasks;

	private final String outcomeVariable;

	/** The engine is looked up at delivery time: the platform creates write-backs before the engine is built. */
	CamundaUserTaskWriteBack(java.util.function.Supplier<TaskService> tasks, String outcomeVariable) {
		this.tasks = tasks;
		this.outcomeVariable = outcomeVariable;
	}

	@Override
	public void deliver(StateNotice notice) {
		if (!"completed".equals(notice.event())) {
			return;
		}
		TaskService service = this.tasks.get();
		Task task = service.createTaskQuery().taskId(notice.externalId()).singleResult();
		if (task == null) {
			return;
		}
		Map<String, Object> variables = new HashMap<>();
		variables.put(this.outcomeVariable, notice.outcome());
		variables.put("openwdTaskId", notice.taskId());
		if (notice.employee() != null) {
			variables.put("openwdCompletedBy", notice.employee());
		}
		service.complete(task.getId(), variables);
	}

}
