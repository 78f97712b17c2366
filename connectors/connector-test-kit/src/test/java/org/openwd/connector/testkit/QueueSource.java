package org.openwd.connector.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemUpdate;
import org.openwd.connector.api.MalformedInput;

/** A minimal well-behaved source over an in-memory queue of "verb;id;text" lines, used to test the kit itself. */
final class QueueSource implements ConnectorSource {

	final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

	private final boolean deliversAfterClose;

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile boolean running;

	private volatile boolean used;

	private Thread worker;

	QueueSource(boolean deliversAfterClose) {
		this.deliversAfterClose = deliversAfterClose;
	}

	@Override
	public String name() {
		return "queue";
	}

	@Override
	public synchronized void start(CaptureSink sink) {
		if (this.used) {
			throw new IllegalStateException("started before");
		}
		this.used = true;
		this.running = true;
		this.worker = new Thread(() -> loop(sink), "queue-source");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	private void loop(CaptureSink sink) {
		while (this.running || this.deliversAfterClose) {
			try {
				String line = this.queue.poll(50, TimeUnit.MILLISECONDS);
				if (line != null && !deliver(sink, line)) {
					this.queue.add(line);
				}
			}
			catch (InterruptedException ex) {
				if (!this.deliversAfterClose) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// a misbehaving source in the kit's own tests: the sink rejected a call after close
			}
		}
	}

	/** Returns false when the line must be delivered again. */
	private boolean deliver(CaptureSink sink, String line) {
		String[] parts = line.split(";", -1);
		try {
			switch (parts[0]) {
				case "capture" -> sink.capture(CapturedItem.builder("kit", parts[1]).title(parts[2]).build());
				case "update" -> sink.update(ItemUpdate.builder("kit", parts[1]).title(parts[2]).build());
				case "cancel" -> sink.cancel(new ItemCancel("kit", parts[1], parts[2]));
				default -> {
					sink.reportMalformed(new MalformedInput("kit", "line " + line, "unknown verb " + parts[0], line));
					this.failed.incrementAndGet();
					return true;
				}
			}
			this.captured.incrementAndGet();
			return true;
		}
		catch (CaptureException ex) {
			if (ex.retryable()) {
				return false;
			}
			this.failed.incrementAndGet();
			return true;
		}
	}

	@Override
	public void close() {
		Thread thread;
		synchronized (this) {
			this.used = true;
			this.running = false;
			thread = this.worker;
		}
		if (thread != null && !this.deliversAfterClose) {
			thread.interrupt();
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public ConnectorHealth health() {
		return new ConnectorHealth(this.running ? ConnectorHealth.Status.UP : ConnectorHealth.Status.DOWN,
				this.captured.get(), this.failed.get(), null, null, null);
	}

}
