package org.openwd.task;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued task handed to an employee: offered until {@code offerExpiresAt}, or assigned outright when it is
 * {@code null} (auto-accept, pull mode).
 */
public record Handover(TaskId task, String employee, Instant offerExpiresAt, String actor) {

	public Handover {
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(employee, "employee");
		Objects.requireNonNull(actor, "actor");
	}

	public boolean assigns() {
		return offerExpiresAt == null;
	}

}
