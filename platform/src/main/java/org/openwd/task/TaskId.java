package org.openwd.task;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a task in the global task list; JSON form is the plain UUID string. */
public record TaskId(UUID value) {

	public TaskId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static TaskId of(String value) {
		return new TaskId(UUID.fromString(value));
	}

	@JsonValue
	@Override
	public String toString() {
		return value.toString();
	}

}
