package org.openwd.connector.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of how a {@link ConnectorSource} is doing, for the operations views and
 * health checks. Construction rejects a missing status, negative counts and a negative
 * lag with an {@link IllegalArgumentException} naming the field.
 *
 * @param status whether the source is delivering; required
 * @param capturedCount inputs delivered since the source started (sink calls that
 * returned normally)
 * @param failedCount inputs that could not be delivered since the source started
 * (reported as malformed, rejected by the platform, or failed for good)
 * @param lastError the most recent error, in a sentence an operator can act on; optional
 * @param lastActivity when the source last read from or wrote to its upstream; optional
 * @param lag how far the source is behind its upstream, e.g. the age of the oldest input
 * not yet delivered; optional (unknown)
 */
public record ConnectorHealth(Status status, long capturedCount, long failedCount, String lastError,
		Instant lastActivity, Duration lag) {

	/** Whether a source is delivering. */
	public enum Status {

		/** Connected and delivering (or waiting for input). */
		UP,

		/** Cannot deliver: upstream unreachable, credentials rejected, sink failing. */
		DOWN,

		/**
		 * Deliberately not delivering, e.g. paused by an operator or outside its polling
		 * window.
		 */
		PAUSED,

		/** The source does not report its health. */
		UNKNOWN

	}

	public ConnectorHealth {
		Checks.required(status, "status");
		if (capturedCount < 0) {
			throw new IllegalArgumentException("capturedCount must not be negative but is " + capturedCount);
		}
		if (failedCount < 0) {
			throw new IllegalArgumentException("failedCount must not be negative but is " + failedCount);
		}
		if (lag != null && lag.isNegative()) {
			throw new IllegalArgumentException("lag must not be negative but is " + lag);
		}
	}

	/**
	 * The health of a source that does not report any.
	 * @return status {@link Status#UNKNOWN}, no counts, no error, no activity, no lag
	 */
	public static ConnectorHealth unknown() {
		return new ConnectorHealth(Status.UNKNOWN, 0, 0, null, null, null);
	}

}
