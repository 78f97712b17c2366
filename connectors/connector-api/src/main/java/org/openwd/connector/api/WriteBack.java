package org.openwd.connector.api;

/**
 * Tells a source system what became of its items: publishes a message, calls a webhook, updates a column. Adapters
 * implement it; the platform calls it from its delivery worker, at least once per {@link StateNotice}, retrying with
 * exponential backoff while {@link #deliver} throws, and marking the delivery failed (visible and retryable by
 * operators) after the last attempt.
 *
 * <h2>Threading</h2>
 * <p>
 * Implementations are thread-safe. {@code deliver} blocks until the source system has the notice durably (a
 * publisher confirm, a 2xx answer, a committed update) and should bound its own waiting with a timeout.
 */
public interface WriteBack extends AutoCloseable {

	/**
	 * Delivers one notice.
	 * @param notice what happened
	 * @throws Exception if the source system does not have the notice; the platform retries later
	 */
	void deliver(StateNotice notice) throws Exception;

	/** Releases resources (connections, clients). By default nothing. */
	@Override
	default void close() {
	}

}
