package org.openwd.task;

import java.time.Instant;

/**
 * A task moved from one state to another (or was captured: {@code from} is {@code null}). Published through the
 * persistent event publication registry after the change committed; listeners receive it at least once.
 *
 * @param taskId the task
 * @param sourceSystem the system the task came from
 * @param externalId the task's id in that system
 * @param action the verb that caused the change
 * @param from previous state, {@code null} on capture
 * @param to new state
 * @param at when it happened
 * @param actor who did it (user name, connector name or {@code system})
 * @param reason optional reason code or text
 * @param employee the employee the change concerns: who was offered or assigned the task, or who had it before it
 * left them (declined, expired, returned, completed, held, canceled); {@code null} when nobody had it
 * @param previousEmployee on a reassignment, who had it before; otherwise {@code null}
 * @param seq the position of this change in the task's history: with the task id a stable key that lets consumers
 * drop redeliveries and restore order
 */
public record TaskStateChanged(TaskId taskId, String sourceSystem, String externalId, TaskAction action, TaskState from,
		TaskState to, Instant at, String actor, String reason, String employee, String previousEmployee, int seq) {
}
