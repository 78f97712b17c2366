package org.openwd.connector.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.w3c.dom.NodeList;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.JsonRecord;
import org.openwd.connector.mapping.MapRecord;
import org.openwd.connector.mapping.MappingException;
import org.openwd.connector.mapping.SourceRecord;
import org.openwd.connector.mapping.XmlRecord;

/**
 * Watches a drop directory (scans it every poll interval) for CSV (with a header line), JSON and XML files and
 * captures every record. A file whose records were all delivered moves to the archive; a file with bad records (or
 * that cannot be parsed at all) moves to the error folder with {@code <name>.report.txt} naming each bad line and why.
 * Good records of a bad file are captured all the same. A retryable sink failure leaves the file where it is; it is
 * read again from the start later, and the platform's deduplication absorbs the records delivered before. Files move
 * only after the sink returned for every record.
 */
public final class FileDropSource implements ConnectorSource {

	private static final CsvMapper CSV = new CsvMapper();

	private final String name;

	private final FileDropSettings settings;

	private final ItemMapping mapping;

	private final Clock clock;

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private final Object wakeUp = new Object();

	private volatile Instant lastActivity;

	private volatile Duration lag;

	private volatile boolean used;

	private volatile boolean running;

	private volatile boolean healthy = true;

	private Thread worker;

	/** A record of a file with its location, or the reason it cannot be read. */
	private record Entry(String location, SourceRecord record, String problem, String raw) {
	}

	public FileDropSource(String name, FileDropSettings settings, ItemMapping mapping, Clock clock) {
		this.name = name;
		this.settings = settings;
		this.mapping = mapping;
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
		try {
			Files.createDirectories(this.settings.directory());
			Files.createDirectories(this.settings.archive());
			Files.createDirectories(this.settings.error());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot create the drop directories under " + this.settings.directory(), ex);
		}
		this.running = true;
		this.worker = new Thread(() -> loop(sink), "openwd-file-" + this.name);
		this.worker.setDaemon(true);
		this.worker.start();
	}

	private void loop(CaptureSink sink) {
		while (this.running) {
			Duration wait = this.settings.pollInterval();
			try {
				scan(sink);
				this.healthy = true;
			}
			catch (CaptureException ex) {
				this.lastError.set(ex.getMessage());
				wait = this.settings.retryBackoff();
			}
			catch (IOException | RuntimeException ex) {
				this.lastError.set(ex.getClass().getSimpleName() + ": " + ex.getMessage());
				this.healthy = false;
				wait = this.settings.retryBackoff();
			}
			synchronized (this.wakeUp) {
				if (!this.running) {
					return;
				}
				try {
					this.wakeUp.wait(Math.max(1, wait.toMillis()));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private void scan(CaptureSink sink) throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.settings.directory(), this.settings.glob())) {
			stream.forEach(path -> {
				if (Files.isRegularFile(path)) {
					files.add(path);
				}
			});
		}
		files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		this.lastActivity = this.clock.instant();
		this.lag = files.isEmpty() ? Duration.ZERO : age(files);
		for (Path file : files) {
			if (!this.running) {
				return;
			}
			process(sink, file);
		}
	}

	private Duration age(List<Path> files) throws IOException {
		Instant oldest = this.clock.instant();
		for (Path file : files) {
			Instant modified = Files.getLastModifiedTime(file).toInstant();
			if (modified.isBefore(oldest)) {
				oldest = modified;
			}
		}
		return Duration.between(oldest, this.clock.instant());
	}

	private void process(CaptureSink sink, Path file) throws IOException {
		String fileName = file.getFileName().toString();
		List<String> problems = new ArrayList<>();
		for (Entry entry : read(file)) {
			if (!this.running) {
				return;
			}
			String problem = entry.problem();
			if (problem == null) {
				try {
					this.mapping.map(entry.record()).deliver(sink);
					this.captured.incrementAndGet();
					continue;
				}
				catch (MappingException ex) {
					problem = ex.getMessage();
				}
				catch (CaptureException ex) {
					if (ex.retryable()) {
						throw ex;
					}
					problems.add(entry.location() + ": rejected: " + ex.getMessage());
					this.failed.incrementAndGet();
					continue;
				}
			}
			sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), entry.location(), problem, entry.raw()));
			problems.add(entry.location() + ": " + problem);
			this.failed.incrementAndGet();
			this.lastError.set(entry.location() + ": " + problem);
		}
		if (problems.isEmpty()) {
			move(file, this.settings.archive());
		}
		else {
			Path moved = move(file, this.settings.error());
			String report = "File " + fileName + " had " + problems.size() + " bad record(s); the others were captured.\n"
					+ String.join("\n", problems) + "\n";
			Files.writeString(moved.resolveSibling(moved.getFileName() + ".report.txt"), report, StandardCharsets.UTF_8);
		}
	}

	private List<Entry> read(Path file) throws IOException {
		String fileName = file.getFileName().toString();
		String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		byte[] content = Files.readAllBytes(file);
		try {
			return switch (extension) {
				case "csv" -> csv(fileName, content);
				case "json" -> json(fileName, content);
				case "xml" -> xml(fileName, content);
				default -> List.of(new Entry(fileName, null, "unknown file type ." + extension, null));
			};
		}
		catch (MappingException ex) {
			return List.of(new Entry(fileName, null, ex.getMessage(), excerpt(content)));
		}
	}

	private List<Entry> csv(String fileName, byte[] content) throws IOException {
		CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(this.settings.csvSeparator());
		List<Entry> entries = new ArrayList<>();
		String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
		try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
			.with(schema)
			.with(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
			.without(CsvParser.Feature.ALLOW_TRAILING_COMMA)
			.readValues(content)) {
			while (true) {
				int line;
				Map<String, String> row;
				try {
					if (!rows.hasNextValue()) {
						break;
					}
					line = rows.getCurrentLocation().getLineNr();
					row = rows.nextValue();
				}
				catch (RuntimeException | IOException ex) {
					int at = rows.getCurrentLocation().getLineNr();
					entries.add(new Entry(fileName + ":" + at, null, "not a valid CSV record: " + firstLine(ex.getMessage()),
							at >= 1 && at <= lines.length ? lines[at - 1] : null));
					if (!skipToNextLine(rows)) {
						break;
					}
					continue;
				}
				entries.add(new Entry(fileName + ":" + line, new MapRecord(row), null,
						line >= 1 && line <= lines.length ? lines[line - 1] : null));
			}
		}
		return entries;
	}

	private static boolean skipToNextLine(MappingIterator<?> rows) {
		try {
			return rows.hasNextValue();
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private List<Entry> json(String fileName, byte[] content) {
		JsonNode root = JsonRecord.parse(content).root();
		JsonNode records = this.settings.jsonRecords().isEmpty() ? root
				: root.at(JsonPointer.compile(this.settings.jsonRecords()));
		List<Entry> entries = new ArrayList<>();
		if (records.isArray()) {
			for (int i = 0; i < records.size(); i++) {
				entries.add(new Entry(fileName + ":[" + i + "]", new JsonRecord(records.get(i)), null,
						records.get(i).toString()));
			}
		}
		else if (records.isObject()) {
			entries.add(new Entry(fileName, new JsonRecord(records), null, records.toString()));
		}
		else {
			throw new MappingException("payload: no records at JSON pointer " + this.settings.jsonRecords());
		}
		return entries;
	}

	private List<Entry> xml(String fileName, byte[] content) {
		XmlRecord document = XmlRecord.parse(content);
		NodeList nodes;
		try {
			nodes = (NodeList) XPathFactory.newInstance()
				.newXPath()
				.evaluate(this.settings.xmlRecords(), document.root(), XPathConstants.NODESET);
		}
		catch (XPathExpressionException ex) {
			throw new MappingException("mapping: invalid XPath " + this.settings.xmlRecords(), ex);
		}
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			entries.add(new Entry(fileName + ":record " + (i + 1), new XmlRecord(nodes.item(i)), null,
					nodes.item(i).getTextContent().strip()));
		}
		return entries;
	}

	private Path move(Path file, Path directory) throws IOException {
		Path target = directory.resolve(file.getFileName());
		if (Files.exists(target)) {
			target = directory.resolve(this.clock.millis() + "-" + file.getFileName());
		}
		try {
			return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static String excerpt(byte[] content) {
		String text = new String(content, 0, Math.min(content.length, 2000), StandardCharsets.UTF_8);
		return text;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
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
		if (thread != null && thread != Thread.currentThread()) {
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
		return new ConnectorHealth(this.running && this.healthy ? ConnectorHealth.Status.UP : ConnectorHealth.Status.DOWN,
				this.captured.get(), this.failed.get(), this.lastError.get(), this.lastActivity, this.lag);
	}

}
