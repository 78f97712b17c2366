package org.openwd.task.internal;

import org.openwd.task.TaskId;

/** The caller's If-Match version is not the task's current version. Answered as 412. */
public class TaskVersionMismatchException extends RuntimeException {

	public TaskVersionMismatchException(TaskId id, long expected, long actual) {
		super("Task %s is at version %d, not %d: reload it and try again".formatted(id, actual, expected));
	}

}
