package org.openwd.task;

import java.util.Set;
import java.util.stream.Collectors;

/** A verb was applied to a task in a state that does not allow it. Answered as 409 Conflict. */
public class IllegalTaskTransitionException extends RuntimeException {

	private final TaskId taskId;

	private final TaskState current;

	private final TaskAction action;

	public IllegalTaskTransitionException(TaskId taskId, TaskState current, TaskAction action, Set<TaskState> allowed) {
		super("Task %s is %s; %s is only allowed from %s".formatted(taskId, current, action.name().toLowerCase().replace('_', ' '),
				allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", "))));
		this.taskId = taskId;
		this.current = current;
		this.action = action;
	}

	public IllegalTaskTransitionException(TaskId taskId, TaskState current, TaskAction action, String message) {
		super(message);
		this.taskId = taskId;
		this.current = current;
		this.action = action;
	}

	public TaskId taskId() {
		return taskId;
	}

	public TaskState current() {
		return current;
	}

	public TaskAction action() {
		return action;
	}

}
