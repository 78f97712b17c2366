package org.openwd.connector.amqp;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of one AMQP source.
 *
 * @param queue the queue to consume; required
 * @param deadLetterQueue where poison and malformed messages go, with the reason in headers; default
 * {@code <queue>.dlq}
 * @param declare declare both queues (durable) at start; default true
 * @param format {@code json}, {@code xml}, or {@code auto} (by content type, else by the first character); default auto
 * @param concurrency consumers; default 1 (keeps an item's messages in order)
 * @param prefetch unacknowledged messages per consumer; default 50, raised to {@code batchSize} if smaller
 * @param retryBackoff how long to wait before a message whose capture failed retryably is requeued; default 1s
 * @param batchSize most messages a consumer takes into one batch (the new items among them are captured in one
 * transaction); default 100; 1 captures message by message
 * @param receiveTimeout how long a consumer waits for the next message before it hands over a batch that is not full;
 * default 20 ms, so a lone message waits at most that long
 */
public record AmqpSourceSettings(String queue, String deadLetterQueue, boolean declare, String format, int concurrency,
		int prefetch, Duration retryBackoff, int batchSize, Duration receiveTimeout) {

	/** Default of {@link #batchSize()}. */
	public static final int DEFAULT_BATCH_SIZE = 100;

	/** Default of {@link #receiveTimeout()}. */
	public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofMillis(20);

	public AmqpSourceSettings {
		if (queue == null || queue.isBlank()) {
			throw new IllegalArgumentException("queue is required");
		}
		deadLetterQueue = deadLetterQueue == null || deadLetterQueue.isBlank() ? queue + ".dlq" : deadLetterQueue;
		format = format == null || format.isBlank() ? "auto" : format.toLowerCase(Locale.ROOT);
		if (!format.equals("auto") && !format.equals("json") && !format.equals("xml")) {
			throw new IllegalArgumentException("format must be json, xml or auto but is " + format);
		}
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1 but is " + concurrency);
		}
		if (prefetch < 1) {
			throw new IllegalArgumentException("prefetch must be at least 1 but is " + prefetch);
		}
		retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
		if (batchSize < 1) {
			throw new IllegalArgumentException("batch-size must be at least 1 but is " + batchSize);
		}
		receiveTimeout = receiveTimeout == null ? DEFAULT_RECEIVE_TIMEOUT : receiveTimeout;
		if (receiveTimeout.isNegative() || receiveTimeout.isZero()) {
			throw new IllegalArgumentException("receive-timeout must be positive but is " + receiveTimeout);
		}
	}

	/**
	 * The settings without batches or a receive timeout of their own: defaults for both.
	 */
	public AmqpSourceSettings(String queue, String deadLetterQueue, boolean declare, String format, int concurrency,
			int prefetch, Duration retryBackoff) {
		this(queue, deadLetterQueue, declare, format, concurrency, prefetch, retryBackoff, DEFAULT_BATCH_SIZE, null);
	}

	public static AmqpSourceSettings of(String queue) {
		return new AmqpSourceSettings(queue, null, true, "auto", 1, 50, null);
	}

	/**
	 * From flat settings: queue, dead-letter-queue, declare, format, concurrency, prefetch, retry-backoff (ISO-8601),
	 * batch-size, receive-timeout (ISO-8601).
	 */
	public static AmqpSourceSettings from(Map<String, String> settings) {
		return new AmqpSourceSettings(settings.get("queue"), settings.get("dead-letter-queue"),
				Boolean.parseBoolean(settings.getOrDefault("declare", "true")), settings.get("format"),
				Integer.parseInt(settings.getOrDefault("concurrency", "1")),
				Integer.parseInt(settings.getOrDefault("prefetch", "50")),
				settings.containsKey("retry-backoff") ? Duration.parse(settings.get("retry-backoff")) : null,
				Integer.parseInt(settings.getOrDefault("batch-size", Integer.toString(DEFAULT_BATCH_SIZE))),
				settings.containsKey("receive-timeout") ? Duration.parse(settings.get("receive-timeout")) : null);
	}

}
