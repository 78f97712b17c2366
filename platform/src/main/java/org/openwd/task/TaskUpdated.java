package org.openwd.task;

import java.time.Instant;
import java.util.Set;

/**
 * The source changed a task's data without changing its state.
 *
 * @param taskId the task
 * @param changedFields names of the fields that changed
 * @param at when
 * @param actor who
 */
public record TaskUpdated(TaskId taskId, Set<String> changedFields, Instant at, String actor) {
}
