package org.openwd.connector.api.example;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.MalformedInput;

/**
 * The example from the README, compiled and tested: a source that consumes CRM cases
 * ({@code externalId;title;due}) from a queue on its own thread and acknowledges each
 * message only after the sink committed it.
 */
final class CrmQueueSource implements ConnectorSource {

	private final CrmQueue queue;

	private final Clock clock;

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile String lastError;

	private volatile Instant lastActivity;

	private volatile boolean running;

	private Thread worker;

	private boolean used;

	CrmQueueSource(CrmQueue queue, Clock clock) {
		this.queue = queue;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "crm-cases";
	}

	@Override
	public synchronized void start(CaptureSink sink) {
		if (this.used) {
			throw new IllegalStateException(name() + " was started or closed before");
		}
		this.used = true;
		this.running = true;
		this.worker = new Thread(() -> consume(sink), name());
		this.worker.start();
	}

	private void consume(CaptureSink sink) {
		try {
			while (this.running) {
				CrmQueue.Message message = this.queue.poll(Duration.ofMillis(50));
				if (message != null) {
					deliver(sink, message);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void deliver(CaptureSink sink, CrmQueue.Message message) {
		this.lastActivity = this.clock.instant();
		try {
			CapturedItem item;
			try {
				item = toItem(message.body());
			}
			catch (IllegalArgumentException ex) {
				sink.reportMalformed(
						new MalformedInput("crm", "message " + message.id(), ex.getMessage(), message.body()));
				this.failed.incrementAndGet();
				this.queue.ack(message);
				return;
			}
			sink.capture(item);
			this.captured.incrementAndGet();
			// Ack only now: the return means the task is durably committed. A crash
			// before this line means redelivery, which the platform recognises.
			this.queue.ack(message);
		}
		catch (CaptureException ex) {
			this.lastError = ex.getMessage();
			if (ex.retryable()) {
				// A real source backs off before it tries again.
				this.queue.requeue(message);
			}
			else {
				this.failed.incrementAndGet();
				this.queue.deadLetter(message, ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			this.lastError = ex.toString();
			this.queue.requeue(message);
		}
	}

	static CapturedItem toItem(String body) {
		String[] fields = body.split(";", -1);
		if (fields.length != 3) {
			throw new IllegalArgumentException("expected externalId;title;due but got " + fields.length + " fields");
		}
		return CapturedItem.builder("crm", fields[0]).title(fields[1]).dueTime(instant(fields[2])).build();
	}

	private static Instant instant(String text) {
		try {
			return text.isEmpty() ? null : Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("due is not an ISO-8601 instant: " + text);
		}
	}

	@Override
	public void close() {
		Thread consumer;
		synchronized (this) {
			this.used = true;
			this.running = false;
			consumer = this.worker;
		}
		if (consumer != null) {
			try {
				consumer.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public ConnectorHealth health() {
		ConnectorHealth.Status status = this.running ? ConnectorHealth.Status.UP : ConnectorHealth.Status.DOWN;
		return new ConnectorHealth(status, this.captured.get(), this.failed.get(), this.lastError, this.lastActivity,
				null);
	}

}
