package org.openwd.connector.api;

/**
 * The platform's answer to {@link CaptureSink#update}, {@link CaptureSink#cancel} and
 * {@link CaptureSink#complete}: the decision is durably committed. Every outcome is a
 * normal answer, not an error; the source acknowledges the input upstream in each case
 * and may log the outcomes that surprise it. Construction rejects a missing outcome, and
 * a task id that is missing for a known item or present for an unknown one, with
 * {@link IllegalArgumentException}.
 *
 * @param taskId the id of the task the change was aimed at; {@code null} exactly when the
 * outcome is {@link Outcome#UNKNOWN_ITEM}
 * @param outcome what happened; required
 */
public record ChangeResult(String taskId, Outcome outcome) {

	/** What a change did to the task. */
	public enum Outcome {

		/** The change was applied. */
		APPLIED,

		/**
		 * The task already was in the requested state (a redelivery, an update with
		 * nothing new, a second cancel); nothing changed.
		 */
		UNCHANGED,

		/**
		 * No item with this source system and external id has been captured. Either the
		 * change arrived before the capture (the source reordered its input) or the item
		 * never reached OpenWD; nothing changed.
		 */
		UNKNOWN_ITEM,

		/**
		 * The task is already closed in a different way (cancelling a completed task,
		 * updating a cancelled one) and can no longer change; nothing changed.
		 */
		TASK_CLOSED

	}

	public ChangeResult {
		Checks.required(outcome, "outcome");
		if (outcome == Outcome.UNKNOWN_ITEM && taskId != null) {
			throw new IllegalArgumentException("taskId must be null when the outcome is UNKNOWN_ITEM");
		}
		if (outcome != Outcome.UNKNOWN_ITEM && (taskId == null || taskId.isBlank())) {
			throw new IllegalArgumentException("taskId is required when the outcome is " + outcome);
		}
	}

	/**
	 * The change was applied to the task.
	 * @param taskId the task's id
	 * @return the result
	 */
	public static ChangeResult applied(String taskId) {
		return new ChangeResult(taskId, Outcome.APPLIED);
	}

	/**
	 * The task already was in the requested state.
	 * @param taskId the task's id
	 * @return the result
	 */
	public static ChangeResult unchanged(String taskId) {
		return new ChangeResult(taskId, Outcome.UNCHANGED);
	}

	/**
	 * No item with the change's key has been captured.
	 * @return the result
	 */
	public static ChangeResult unknownItem() {
		return new ChangeResult(null, Outcome.UNKNOWN_ITEM);
	}

	/**
	 * The task is closed and can no longer change.
	 * @param taskId the task's id
	 * @return the result
	 */
	public static ChangeResult taskClosed(String taskId) {
		return new ChangeResult(taskId, Outcome.TASK_CLOSED);
	}

}
