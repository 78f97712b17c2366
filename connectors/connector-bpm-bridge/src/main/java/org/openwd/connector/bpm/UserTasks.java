package org.openwd.connector.bpm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bridge's view of a Camunda 7 engine's user tasks, so the same source and write-back serve the engine embedded in
 * the platform ({@link EmbeddedUserTasks}, through its Java API) and a remote engine ({@link RemoteUserTasks}, through
 * its REST API).
 */
interface UserTasks {

	/** A user task as the bridge maps it. Dates are {@code null} when not set. */
	record UserTask(String id, String name, String description, String taskDefinitionKey, String processDefinitionId,
			String processInstanceId, Instant due, Instant followUp, Instant created, int priority, String assignee) {
	}

	/** Active (not suspended) user tasks of these process definitions, oldest first, at most {@code max}. */
	List<UserTask> active(List<String> processDefinitionKeys, int max);

	/** The named process variables visible from the task (missing ones are left out). */
	Map<String, Object> variables(String taskId, List<String> names);

	/** Completes the task with the variables; {@code false} when the task no longer exists. */
	boolean complete(String taskId, Map<String, Object> variables);

}
