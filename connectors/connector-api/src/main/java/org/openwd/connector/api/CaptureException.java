package org.openwd.connector.api;

/**
 * A {@link CaptureSink} call failed and nothing was committed. {@link #retryable()} tells
 * the source what to do:
 * <ul>
 * <li>{@code true}: a passing problem (database unavailable, platform shutting down,
 * overloaded). Do not acknowledge the input upstream; deliver it again later, with
 * backoff.</li>
 * <li>{@code false}: the platform rejects this input and will reject it again (poison).
 * Do not retry it: acknowledge it and dead-letter or skip it. The platform has recorded
 * the rejection, so no {@link CaptureSink#reportMalformed} is needed.</li>
 * </ul>
 * Any other exception thrown by a sink call is a bug in the platform; sources treat it as
 * retryable.
 */
public class CaptureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean retryable;

	/**
	 * @param message what went wrong
	 * @param retryable whether delivering the same input again later may succeed
	 */
	public CaptureException(String message, boolean retryable) {
		this(message, retryable, null);
	}

	/**
	 * @param message what went wrong
	 * @param retryable whether delivering the same input again later may succeed
	 * @param cause the underlying failure, if any
	 */
	public CaptureException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	/**
	 * A passing failure: deliver the input again later.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 * @return a retryable exception
	 */
	public static CaptureException temporaryFailure(String message, Throwable cause) {
		return new CaptureException(message, true, cause);
	}

	/**
	 * The platform rejects the input for good: do not deliver it again.
	 * @param message why the input was rejected, naming the field if one is at fault
	 * @return a non-retryable exception
	 */
	public static CaptureException rejected(String message) {
		return new CaptureException(message, false);
	}

	/**
	 * Whether delivering the same input again later may succeed.
	 * @return {@code true} to retry later, {@code false} for poison input
	 */
	public boolean retryable() {
		return this.retryable;
	}

}
