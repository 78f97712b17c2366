package org.openwd.escalation;

import java.time.Instant;

import org.openwd.task.TaskId;

/**
 * An escalation model told the supervisors about a task (action {@code notifySupervisors}). Published through the
 * persistent event publication registry; the escalation module forwards it to the supervisors' live channel and to the
 * AMQP exchange {@code openwd.events} with routing key {@code escalation.<stage>}.
 *
 * @param taskId the task
 * @param stage the escalation stage the model named (e.g. {@code warning}, {@code overdue})
 * @param message what the model says
 * @param department the task's department (supervisors filter on it), or {@code null}
 * @param routingProfile the task's routing profile
 * @param title the task's title
 * @param dueTime the task's due time
 * @param processInstanceId the escalation instance
 * @param activityId the model element that notified
 * @param at when
 */
public record EscalationNotified(TaskId taskId, String stage, String message, String department, String routingProfile,
		String title, Instant dueTime, String processInstanceId, String activityId, Instant at) {
}
