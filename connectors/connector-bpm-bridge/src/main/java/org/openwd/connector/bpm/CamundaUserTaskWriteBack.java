package org.openwd.connector.bpm;

import java.util.HashMap;
import java.util.Map;


import org.openwd.connector.api.StateNotice;
import org.openwd.connector.api.WriteBack;

/**
 * Completes the BPMN user task when its OpenWD task completed, with the outcome (and who did it) as process variables,
 * so the process continues on the outcome. A user task that is already gone counts as delivered (a redelivery, or it
 * ended in the engine). Other events are ignored.
 */
final class CamundaUserTaskWriteBack implements WriteBack {

	private final UserTasks tasks;

	private final String outcomeVariable;

	CamundaUserTaskWriteBack(UserTasks tasks, String outcomeVariable) {
		this.tasks = tasks;
		this.outcomeVariable = outcomeVariable;
	}

	@Override
	public void deliver(StateNotice notice) {
		if (!"completed".equals(notice.event())) {
			return;
		}
		Map<String, Object> variables = new HashMap<>();
		variables.put(this.outcomeVariable, notice.outcome());
		variables.put("openwdTaskId", notice.taskId());
		if (notice.employee() != null) {
			variables.put("openwdCompletedBy", notice.employee());
		}
		this.tasks.complete(notice.externalId(), variables); // false: already gone, which counts as delivered
	}

}
