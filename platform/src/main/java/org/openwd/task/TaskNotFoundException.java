package org.openwd.task;

/** No task with the given id or source key. Answered as 404. */
public class TaskNotFoundException extends RuntimeException {

	public TaskNotFoundException(String what) {
		super("No task " + what);
	}

}
