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
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.api.PollingSource;
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
public final class FileDropSource extends PollingSource {

	private static final CsvMapper CSV = new CsvMapper();

	private final FileDropSettings settings;

	private final ItemMapping mapping;

	private final Clock clock;

	/** A record of a file with its location, or the reason it cannot be read. */
	private record Entry(String location, SourceRecord record, String problem, String raw) {
	}

	public FileDropSource(String name, FileDropSettings settings, ItemMapping mapping, Clock clock) {
		super(name, "openwd-file-" + name);
		this.settings = settings;
		this.mapping = mapping;
		this.clock = clock;
	}

	@Override
	protected void prepare() {
		try {
			Files.createDirectories(this.settings.directory());
			Files.createDirectories(this.settings.archive());
			Files.createDirectories(this.settings.error());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot create the drop directories under " + this.settings.directory(), ex);
		}
	}

	@Override
	protected Duration poll(CaptureSink sink) throws IOException {
		scan(sink);
		return this.settings.pollInterval();
	}

	/** A failing sink call is retried later; a directory that cannot be read makes the source down until it can. */
	@Override
	protected Duration failedPoll(Exception failure) {
		if (failure instanceof CaptureException) {
			recordError(failure.getMessage());
		}
		else {
			recordError(failure.getClass().getSimpleName() + ": " + failure.getMessage());
			down();
		}
		return this.settings.retryBackoff();
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
		recordActivity(this.clock.instant());
		recordLag(files.isEmpty() ? Duration.ZERO : age(files));
		for (Path file : files) {
			if (closing()) {
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
			if (closing()) {
				return;
			}
			String problem = entry.problem();
			if (problem == null) {
				try {
					this.mapping.map(entry.record()).deliver(sink);
					countCaptured();
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
					countFailed();
					continue;
				}
			}
			sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), entry.location(), problem, entry.raw()));
			problems.add(entry.location() + ": " + problem);
			countFailed();
			recordError(entry.location() + ": " + problem);
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

}
