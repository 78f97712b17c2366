package org.openwd.task;

/**
 * Answer to a capture.
 * @param task the task as stored
 * @param created {@code true} if this call created it; {@code false} if the source key was captured before (nothing
 * changed)
 */
public record CaptureResult(TaskSnapshot task, boolean created) {
}
