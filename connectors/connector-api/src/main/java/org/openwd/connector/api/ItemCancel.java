package org.openwd.connector.api;

/**
 * The source system withdrew an item: the work is no longer needed (the customer withdrew
 * the request, the case was closed or merged upstream). The platform cancels the task and
 * takes it away from whoever holds it. Construction validates the identity like
 * {@link CapturedItem}'s.
 *
 * @param sourceSystem the system the item comes from; required
 * @param externalId the item's id in the source system; required
 * @param reason why the item was withdrawn, for the task's history; optional
 */
public record ItemCancel(String sourceSystem, String externalId, String reason) {

	public ItemCancel {
		Checks.requiredText(sourceSystem, "sourceSystem", CapturedItem.MAX_SOURCE_SYSTEM_LENGTH);
		Checks.requiredText(externalId, "externalId", CapturedItem.MAX_EXTERNAL_ID_LENGTH);
	}

}
