package org.openwd.connector.api;

/**
 * A connector instance that reads work from one upstream (a queue, a mailbox, a
 * directory, a database table, a web service) and delivers it to a {@link CaptureSink}.
 * Adapters implement this interface; the platform hosts them.
 *
 * <h2>Lifecycle</h2>
 * <p>
 * created &rarr; {@link #start started} &rarr; {@link #close closed}. The host calls
 * {@code start} once and {@code close} once; a closed source is never restarted (the host
 * creates a new instance instead). {@code start} after {@code start} or after
 * {@code close} throws {@link IllegalStateException}; {@code close} before {@code start},
 * or a second {@code close}, does nothing.
 *
 * <h2>Threading</h2>
 * <p>
 * {@code start} returns promptly. Afterwards the source delivers from threads it owns (a
 * poller, a consumer loop) or from threads it is handed (a message listener of its client
 * library, a request thread of the host); the sink is thread-safe and does not care
 * which, nor how many. {@link #health()} may be called from any thread at any time and
 * must not block.
 *
 * <h2>Delivery guarantees</h2>
 * <p>
 * Sources deliver at least once and give every item a stable external id; the platform
 * deduplicates on source system + external id, which together make capture exactly-once.
 * The one rule that makes this work: <strong>acknowledge upstream only after the sink
 * call returned normally.</strong> Ack the message, advance the watermark, move the file
 * after the return, because the return means the change is durably committed. If the
 * source crashes between the return and the acknowledgement, it delivers the input again
 * and the platform recognises it.
 * <p>
 * When a sink call throws a {@link CaptureException}, the source leaves the input
 * unacknowledged and retries it later if the exception is
 * {@link CaptureException#retryable() retryable}, and acknowledges and dead-letters it if
 * not. Input it cannot map at all goes to {@link CaptureSink#reportMalformed}.
 */
public interface ConnectorSource extends AutoCloseable {

	/**
	 * A name for this instance that is unique within the host and stable across restarts,
	 * e.g. {@code "crm-cases"}. Operators see it in health views and logs.
	 * @return the name; never blank
	 */
	String name();

	/**
	 * Starts delivering into the sink. Called once.
	 * @param sink where to deliver; the source keeps it until {@link #close()}
	 * @throws IllegalStateException if the source was started or closed before
	 * @throws RuntimeException if the source cannot start (e.g. its upstream rejects the
	 * credentials); the host reports the source as down and closes it
	 */
	void start(CaptureSink sink);

	/**
	 * Stops delivering and releases the source's resources. Waits for sink calls in
	 * progress to finish; after it returns the source makes no further sink calls. Input
	 * read but not yet acknowledged stays unacknowledged upstream and is delivered again
	 * by the next instance.
	 */
	@Override
	void close();

	/**
	 * How the source is doing. Cheap and non-blocking; callable from any thread, before
	 * {@code start} and after {@code close}.
	 * @return a snapshot; by default {@link ConnectorHealth#unknown()}
	 */
	default ConnectorHealth health() {
		return ConnectorHealth.unknown();
	}

}
