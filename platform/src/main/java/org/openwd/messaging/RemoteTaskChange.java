package org.openwd.messaging;

import org.openwd.task.TaskId;

/**
 * Another platform node changed a task (heard on the event exchange). Published in-process, not persisted: listeners
 * re-read the task from the database, so a missed or repeated notice is harmless.
 *
 * @param taskId the task
 * @param employee the employee the change concerned, or {@code null}
 * @param previousEmployee on a reassignment, who had it before, or {@code null}
 */
public record RemoteTaskChange(TaskId taskId, String employee, String previousEmployee) {
}
