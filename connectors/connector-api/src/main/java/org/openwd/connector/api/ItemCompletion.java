package org.openwd.connector.api;

/**
 * The work was done in the source system itself (an agent closed the case directly in the
 * CRM, a batch job settled the claim), so the task is complete without anyone finishing
 * it in OpenWD. This is the connector's way of doing what the REST API's
 * complete-from-source does. Construction validates the identity like
 * {@link CapturedItem}'s.
 *
 * @param sourceSystem the system the item comes from; required
 * @param externalId the item's id in the source system; required
 * @param outcome how the work ended in the source system, e.g. {@code "resolved"}, for
 * the task's history; optional
 */
public record ItemCompletion(String sourceSystem, String externalId, String outcome) {

	public ItemCompletion {
		Checks.requiredText(sourceSystem, "sourceSystem", CapturedItem.MAX_SOURCE_SYSTEM_LENGTH);
		Checks.requiredText(externalId, "externalId", CapturedItem.MAX_EXTERNAL_ID_LENGTH);
	}

}
