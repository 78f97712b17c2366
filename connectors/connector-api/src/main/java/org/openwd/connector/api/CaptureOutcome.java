package org.openwd.connector.api;

/**
 * What {@link CaptureSink#captureAll} did with one item of a batch: either it is captured (durably committed, like a
 * normal return of {@link CaptureSink#capture}) or it failed on its own, exactly as {@link CaptureSink#capture} would
 * have thrown for it. A source treats each failure like that exception: not {@link CaptureException#retryable()
 * retryable} means poison (acknowledge and dead-letter this input only), retryable means deliver this input again
 * later. Exactly one of {@code result} and {@code failure} is set; construction rejects anything else with
 * {@link IllegalArgumentException}.
 *
 * @param result the capture's result if the item is captured, else {@code null}
 * @param failure why the item is not captured, else {@code null}
 */
public record CaptureOutcome(CaptureResult result, CaptureException failure) {

	public CaptureOutcome {
		if ((result == null) == (failure == null)) {
			throw new IllegalArgumentException("exactly one of result and failure is required");
		}
	}

	/**
	 * The item is captured.
	 * @param result the task's id and whether this call created it
	 * @return the outcome
	 */
	public static CaptureOutcome captured(CaptureResult result) {
		return new CaptureOutcome(result, null);
	}

	/**
	 * The item is not captured.
	 * @param failure why, and whether to deliver it again
	 * @return the outcome
	 */
	public static CaptureOutcome failed(CaptureException failure) {
		return new CaptureOutcome(null, failure);
	}

	/**
	 * Whether the item is durably captured.
	 * @return {@code true} if {@link #result()} is set
	 */
	public boolean isCaptured() {
		return this.result != null;
	}

}
