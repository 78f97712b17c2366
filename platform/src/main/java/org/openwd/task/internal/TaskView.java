package org.openwd.task.internal;

import java.time.Instant;

import org.openwd.task.TaskSnapshot;

/** A task as the API shows it: the snapshot plus lifecycle details. */
public record TaskView(TaskSnapshot snapshot, String stateReason, String outcome, Instant offerExpiresAt, Instant updatedAt,
		Instant closedAt) {
}
