package org.openwd.connector.example.acme;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.api.PollingSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.MapRecord;
import org.openwd.connector.mapping.MappingException;

/**
 * ACME's claims mainframe appends one fixed-width record per line to a spool file. This source tails the file from
 * the byte offset it saved last, slices each complete line by the layout, maps it by configuration and delivers it;
 * the offset is saved (atomically, in {@code <spool>.offset}) only after the sink returned. A crash re-reads at most
 * the lines after the last saved offset, and the platform's deduplication absorbs them.
 */
final class AcmeSpoolSource extends PollingSource {

	private final Path spool;

	private final Path offsetFile;

	private final SpoolLayout layout;

	private final ItemMapping mapping;

	private final Duration pollInterval;

	private final Clock clock;

	AcmeSpoolSource(String name, Path spool, SpoolLayout layout, ItemMapping mapping, Duration pollInterval, Clock clock) {
		super(name, "acme-spool-" + name);
		this.spool = spool;
		this.offsetFile = spool.resolveSibling(spool.getFileName() + ".offset");
		this.layout = layout;
		this.mapping = mapping;
		this.pollInterval = pollInterval;
		this.clock = clock;
	}

	@Override
	protected Duration poll(CaptureSink sink) throws IOException {
		readNewLines(sink);
		return this.pollInterval;
	}

	/**
	 * The spool could not be read (down until it can), or the platform asked to retry: the next poll starts again at
	 * the saved offset.
	 */
	@Override
	protected Duration failedPoll(Exception failure) {
		recordError(failure.getMessage());
		if (failure instanceof IOException) {
			down();
		}
		return this.pollInterval;
	}

	private void readNewLines(CaptureSink sink) throws IOException {
		if (!Files.exists(this.spool)) {
			return;
		}
		long offset = Files.exists(this.offsetFile) ? Long.parseLong(Files.readString(this.offsetFile).trim()) : 0;
		try (RandomAccessFile file = new RandomAccessFile(this.spool.toFile(), "r")) {
			file.seek(offset);
			recordActivity(this.clock.instant());
			StringBuilder line = new StringBuilder();
			long lineStart = offset;
			int b;
			while (!closing() && (b = file.read()) != -1) {
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
			countCaptured();
		}
		catch (MappingException | IllegalArgumentException ex) {
			sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), location, ex.getMessage(), line));
			countFailed();
			recordError(location + ": " + ex.getMessage());
		}
		catch (CaptureException ex) {
			if (ex.retryable()) {
				throw ex;
			}
			countFailed();
			recordError(location + " rejected: " + ex.getMessage());
		}
	}

	private void saveOffset(long offset) throws IOException {
		Path temporary = this.offsetFile.resolveSibling(this.offsetFile.getFileName() + ".tmp");
		Files.writeString(temporary, Long.toString(offset));
		Files.move(temporary, this.offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
