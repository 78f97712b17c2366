package org.openwd.task;

import java.time.Instant;

/**
 * A task offered to or assigned to an employee right now, with only what the distribution engine needs at start-up
 * (the employee's load per channel, the offer timers): read for every employee in one query.
 *
 * @param offerExpiresAt when an offer lapses; {@code null} for assigned tasks
 */
public record OpenAssignment(TaskId id, TaskState state, String employee, String routingProfile, Instant offerExpiresAt) {
}
