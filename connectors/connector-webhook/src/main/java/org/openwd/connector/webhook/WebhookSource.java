package org.openwd.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.JsonRecord;
import org.openwd.connector.mapping.MappingException;
import org.openwd.connector.mapping.SourceCommand;
import org.openwd.connector.mapping.XmlRecord;

/**
 * An inbound webhook: the host hands each HTTP request to {@link #receive}, which verifies the HMAC-SHA256 signature
 * ({@link WebhookSignature}), refuses requests outside the timestamp window or with a nonce seen before (replay
 * protection), maps the JSON or XML body by configuration and delivers it. The answer tells the host which HTTP status
 * and problem to send; the sender retries on 503 (the capture is idempotent by external id). No threads of its own:
 * it delivers on the host's request threads.
 */
public final class WebhookSource implements ConnectorSource {

	/**
	 * What to answer.
	 * @param status the HTTP status
	 * @param problem a short problem type (e.g. {@code invalid-signature}), {@code null} on success
	 * @param detail what happened, in a sentence
	 * @param retryAfter for 503: when to retry
	 */
	public record Answer(int status, String problem, String detail, Duration retryAfter) {

		static Answer ok(int status, String detail) {
			return new Answer(status, null, detail, null);
		}

		static Answer problem(int status, String problem, String detail) {
			return new Answer(status, problem, detail, null);
		}

	}

	/**
	 * @param secret the shared HMAC secret; required, at least 16 bytes
	 * @param tolerance how far the request's timestamp may be from now; default 5 minutes
	 * @param format {@code json}, {@code xml} or {@code auto} (by content type); default auto
	 */
	public record Settings(byte[] secret, Duration tolerance, String format) {

		public Settings {
			if (secret == null || secret.length < 16) {
				throw new IllegalArgumentException("secret is required and must have at least 16 bytes");
			}
			tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
			format = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
		}

		public static Settings from(Map<String, String> settings) {
			String secret = settings.get("secret");
			return new Settings(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
					settings.containsKey("tolerance") ? Duration.parse(settings.get("tolerance")) : null, settings.get("format"));
		}

	}

	private final String name;

	private final Settings settings;

	private final ItemMapping mapping;

	private final NonceStore nonces;

	private final Clock clock;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private volatile Instant lastActivity;

	private volatile CaptureSink sink;

	private volatile boolean used;

	private volatile boolean closed;

	public WebhookSource(String name, Settings settings, ItemMapping mapping, NonceStore nonces, Clock clock) {
		this.name = name;
		this.settings = settings;
		this.mapping = mapping;
		this.nonces = nonces;
		this.clock = clock;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public synchronized void start(CaptureSink sink) {
		if (this.used) {
			throw new IllegalStateException(this.name + " was started or closed before");
		}
		this.used = true;
		this.sink = sink;
	}

	/**
	 * Handles one request.
	 * @param headers request headers (any case)
	 * @param contentType the request's content type, may be {@code null}
	 * @param body the raw body, exactly as signed
	 */
	public Answer receive(Map<String, String> headers, String contentType, byte[] body) {
		this.lock.readLock().lock();
		try {
			CaptureSink target = this.sink;
			if (this.closed || target == null) {
				return new Answer(503, "unavailable", "Connector " + this.name + " is not accepting requests",
						Duration.ofSeconds(30));
			}
			Instant now = this.clock.instant();
			this.lastActivity = now;
			String signature = header(headers, WebhookSignature.SIGNATURE_HEADER);
			String timestampText = header(headers, WebhookSignature.TIMESTAMP_HEADER);
			String nonce = header(headers, WebhookSignature.NONCE_HEADER);
			if (signature == null || timestampText == null || nonce == null || nonce.isBlank() || nonce.length() > 200) {
				return refused(Answer.problem(401, "invalid-signature", "Requests must carry " + WebhookSignature.SIGNATURE_HEADER
						+ ", " + WebhookSignature.TIMESTAMP_HEADER + " and " + WebhookSignature.NONCE_HEADER + " (at most 200 characters)"));
			}
			long timestamp;
			try {
				timestamp = Long.parseLong(timestampText.trim());
			}
			catch (NumberFormatException ex) {
				return refused(Answer.problem(401, "invalid-signature", WebhookSignature.TIMESTAMP_HEADER + " must be epoch seconds"));
			}
			if (!WebhookSignature.verify(this.settings.secret(), timestamp, nonce, body, signature)) {
				return refused(Answer.problem(401, "invalid-signature", "The signature does not match the body"));
			}
			Duration skew = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
			if (skew.compareTo(this.settings.tolerance()) > 0) {
				return refused(Answer.problem(401, "stale-request", "The timestamp is " + skew.toSeconds()
						+ " s away from now; at most " + this.settings.tolerance().toSeconds() + " s are accepted"));
			}
			if (!this.nonces.remember(this.name, nonce, now)) {
				return refused(Answer.problem(409, "replayed-request", "This nonce was used before"));
			}
			return deliver(target, nonce, contentType, body);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private Answer deliver(CaptureSink target, String nonce, String contentType, byte[] body) {
		SourceCommand command;
		try {
			command = this.mapping.map(isXml(contentType, body) ? XmlRecord.parse(body) : JsonRecord.parse(body));
		}
		catch (MappingException ex) {
			try {
				target.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), "webhook " + this.name + " nonce " + nonce,
						ex.getMessage(), new String(body, StandardCharsets.UTF_8)));
			}
			catch (CaptureException report) {
				this.nonces.forget(this.name, nonce);
				return new Answer(503, "unavailable", report.getMessage(), Duration.ofSeconds(5));
			}
			this.failed.incrementAndGet();
			this.lastError.set(ex.getMessage());
			return Answer.problem(422, "unmappable-payload", ex.getMessage());
		}
		try {
			String outcome = command.deliver(target);
			this.captured.incrementAndGet();
			return Answer.ok(outcome.equals("captured") ? 201 : 200, command.externalId() + " " + outcome);
		}
		catch (CaptureException ex) {
			this.lastError.set(ex.getMessage());
			if (ex.retryable()) {
				this.nonces.forget(this.name, nonce);
				return new Answer(503, "unavailable", ex.getMessage(), Duration.ofSeconds(5));
			}
			this.failed.incrementAndGet();
			return Answer.problem(422, "rejected", ex.getMessage());
		}
	}

	private Answer refused(Answer answer) {
		this.failed.incrementAndGet();
		this.lastError.set(answer.detail());
		return answer;
	}

	private boolean isXml(String contentType, byte[] body) {
		if (!this.settings.format().equals("auto")) {
			return this.settings.format().equals("xml");
		}
		if (contentType != null) {
			return contentType.toLowerCase(Locale.ROOT).contains("xml");
		}
		return body.length > 0 && body[0] == '<';
	}

	private static String header(Map<String, String> headers, String name) {
		for (Map.Entry<String, String> entry : headers.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/** Stops accepting: waits for requests in progress; afterwards every request is answered 503. */
	@Override
	public void close() {
		synchronized (this) {
			this.used = true;
			this.closed = true;
		}
		this.lock.writeLock().lock();
		this.lock.writeLock().unlock();
	}

	@Override
	public ConnectorHealth health() {
		return new ConnectorHealth(this.sink != null && !this.closed ? ConnectorHealth.Status.UP : ConnectorHealth.Status.DOWN,
				this.captured.get(), this.failed.get(), this.lastError.get(), this.lastActivity, null);
	}

}
