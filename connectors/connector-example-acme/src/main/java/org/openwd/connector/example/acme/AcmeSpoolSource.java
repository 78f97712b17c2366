package org.openwd.connector.example.acme;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.MapRecord;
import org.openwd.connector.mapping.MappingException;

/**
 * ACME's claims mainframe appends one fixed-width record per line to a spool file. This source tails the file from
 * the byte offset it saved last, slices each complete line by the layout, maps it by configuration and delivers it;
 * the offset is saved (atomically, in {@code <spool>.offset}) only after the sink returned. A crash re-reads at most
 * the lines after the last saved offset, and the platform's deduplication absorbs them.
 */
final class AcmeSpoolSource implements ConnectorSource {

	private final String name;

	private final Path spool;

	private final Path offsetFile;

	private final SpoolLayout layout;

	private final ItemMapping mapping;

	private final Duration pollInterval;

	private final Clock clock;

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private final Object wakeUp = new Object();

	private volatile Instant lastActivity;

	private volatile boolean used;

	private volatile boolean running;

	private Thread worker;

	AcmeSpoolSource(String name, Path spool, SpoolLayout layout, ItemMapping mapping, Duration pollInterval, Clock clock) {
		this.name = name;
		this.spool = spool;
		this.offsetFile = spool.resolveSibling(spool.getFileName() + ".offset");
		this.layout = layout;
		this.mapping = mapping;
		this.pollInterval = pollInterval;
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
		this.running = true;
		this.worker = new Thread(() -> loop(sink), "acme-spool-" + this.name);
		this.worker.setDaemon(true);
		this.worker.start();
	}

	private void loop(CaptureSink sink) {
		while (this.running) {
			try {
				readNewLines(sink);
			}
			catch (CaptureException | IOException ex) {
				this.lastError.set(ex.getMessage());
			}
			synchronized (this.wakeUp) {
				if (!this.running) {
					return;
				}
				try {
					this.wakeUp.wait(this.pollInterval.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private void readNewLines(CaptureSink sink) throws IOException {
		if (!Files.exists(this.spool)) {
			return;
		}
		long offset = Files.exists(this.offsetFile) ? Long.parseLong(Files.readString(this.offsetFile).trim()) : 0;
		try (RandomAccessFile file = new RandomAccessFile(this.spool.toFile(), "r")) {
			file.seek(offset);
			this.lastActivity = this.clock.instant();
			StringBuilder line = new StringBuilder();
			long lineStart = offset;
			int b;
			while (this.running && (b = file.read()) != -1) {
				if (b != '\n') {
					line.append((char) b);
					continue;
				}
				String text = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
				deliver(sink, text, lineStart);
				lineStart = file.getFilePointer();
				saveOffset(lineStart);
				line.setLength(0);
			}
		}
	}

	private void deliver(CaptureSink sink, String line, long at) {
		String location = this.spool.getFileName() + " at byte " + at;
		try {
			this.mapping.map(new MapRecord(this.layout.slice(line))).deliver(sink);
			this.captured.incrementAndGet();
		}
		catch (MappingException | IllegalArgumentException ex) {
			sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), location, ex.getMessage(), line));
			this.failed.incrementAndGet();
			this.lastError.set(location + ": " + ex.getMessage());
		}
		catch (CaptureException ex) {
			if (ex.retryable()) {
				throw ex;
			}
			this.failed.incrementAndGet();
			this.lastError.set(location + " rejected: " + ex.getMessage());
		}
	}

	private void saveOffset(long offset) throws IOException {
		Path temporary = this.offsetFile.resolveSibling(this.offsetFile.getFileName() + ".tmp");
		Files.writeString(temporary, Long.toString(offset));
		Files.move(temporary, this.offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	public void close() {
		Thread thread;
		synchronized (this) {
			this.used = true;
			this.running = false;
			thread = this.worker;
		}
		synchronized (this.wakeUp) {
			this.wakeUp.notifyAll();
		}
		if (thread != null) {
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
				this.captured.get(), this.failed.get(), this.lastError.get(), this.lastActivity, null);
	}

}
