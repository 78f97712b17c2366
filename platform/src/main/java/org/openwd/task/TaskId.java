package org.openwd.task;

import java.util.Objects;
import java.util.UUID;

/** Identity of a task in the global task list. */
public record TaskId(UUID value) {

	public TaskId {
		Objects.requireNonNull(value, "value");
	}

	public static TaskId of(String value) {
		return new TaskId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
