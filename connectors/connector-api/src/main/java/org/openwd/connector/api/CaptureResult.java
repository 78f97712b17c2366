package org.openwd.connector.api;

/**
 * The platform's answer to {@link CaptureSink#capture}: the capture is durably committed.
 * Construction rejects a blank task id with {@link IllegalArgumentException}.
 *
 * @param taskId the id of the task that holds the item; required
 * @param created {@code true} if this call created the task; {@code false} if the item's
 * key had been captured before (a redelivery), in which case nothing changed, even if the
 * item's content differs: changes travel as {@link ItemUpdate}s
 */
public record CaptureResult(String taskId, boolean created) {

	public CaptureResult {
		if (taskId == null || taskId.isBlank()) {
			throw new IllegalArgumentException("taskId is required and must not be blank");
		}
	}

}
