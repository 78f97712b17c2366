package org.openwd.connector.api;

import java.time.Instant;

/**
 * News for a source system about one of its items: the task was offered, assigned, completed, canceled, rejected,
 * or went overdue. The platform hands notices to a {@link WriteBack} at least once; {@code taskId} + {@code seq} +
 * {@code event} is stable across redeliveries, so a target can drop duplicates.
 *
 * @param deliveryId the platform's id of this delivery (stable across retries); required
 * @param sourceSystem the item's source system; required
 * @param externalId the item's id in the source system; required
 * @param taskId the task's id in OpenWD; required
 * @param event {@code offered}, {@code assigned}, {@code completed}, {@code canceled}, {@code rejected},
 * {@code overdue}, or another lower-case state name; required
 * @param state the task's state after the change, e.g. {@code COMPLETED}; required
 * @param outcome the completion outcome, for {@code completed}; optional
 * @param employee the employee the change concerns (offered to, assigned to, completed by); optional
 * @param reason the reason given for the change; optional
 * @param at when the change happened; required
 * @param seq the change's position in the task's history; stable across redeliveries
 */
public record StateNotice(String deliveryId, String sourceSystem, String externalId, String taskId, String event,
		String state, String outcome, String employee, String reason, Instant at, int seq) {

	public StateNotice {
		Checks.required(deliveryId, "deliveryId");
		Checks.requiredText(sourceSystem, "sourceSystem", CapturedItem.MAX_SOURCE_SYSTEM_LENGTH);
		Checks.requiredText(externalId, "externalId", CapturedItem.MAX_EXTERNAL_ID_LENGTH);
		Checks.required(taskId, "taskId");
		Checks.required(event, "event");
		Checks.required(state, "state");
		Checks.required(at, "at");
	}

}
