package org.openwd.connector.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.RecordingSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FileDropSourceTests {

	@TempDir
	Path drop;

	private final RecordingSink sink = new RecordingSink();

	private FileDropSource source;

	@AfterEach
	void close() {
		if (this.source != null) {
			this.source.close();
		}
	}

	private void start(Map<String, String> mapping, String xmlRecords) {
		this.source = new FileDropSource("scans",
				new FileDropSettings(this.drop, null, null, null, ';', "/items", xmlRecords, Duration.ofMillis(50),
						Duration.ofMillis(50)),
				ItemMapping.of("scanner", mapping), Clock.systemUTC());
		this.source.start(this.sink);
	}

	private void drop(String name, String content) throws IOException {
		Path temporary = this.drop.resolve(name + ".part");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, this.drop.resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	@Test
	void capturesEveryCsvLineAndArchivesTheFile() throws IOException {
		start(Map.of("externalId", "doc", "title", "subject", "dueTime", "due | date:dd.MM.yyyy"), null);
		drop("batch-1.csv", "doc;subject;due\nD-1;Invoice;01.03.2025\nD-2;\"Letter; urgent\";02.03.2025\n");

		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(this.drop.resolve("archive/batch-1.csv")));
		assertThat(this.sink.tasks()).extracting(task -> task.title()).containsExactly("Invoice", "Letter; urgent");
		assertThat(this.drop.resolve("batch-1.csv")).doesNotExist();
	}

	@Test
	void movesAFileWithBadLinesToTheErrorFolderWithAReportNamingThemAndCapturesTheRest() throws IOException {
		start(Map.of("externalId", "doc", "title", "subject", "dueTime", "due | date:dd.MM.yyyy"), null);
		drop("batch-2.csv", "doc;subject;due\nD-3;Fine;01.03.2025\n;no id;01.03.2025\nD-5;Bad date;32.03.2025\nD-6;Also fine;\n");

		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(this.drop.resolve("error/batch-2.csv.report.txt")));
		String report = Files.readString(this.drop.resolve("error/batch-2.csv.report.txt"));
		assertThat(report).contains("batch-2.csv:3: externalId is required")
			.contains("batch-2.csv:4: dueTime: \"32.03.2025\" does not match dd.MM.yyyy")
			.doesNotContain(":2:")
			.doesNotContain(":5:");
		assertThat(this.drop.resolve("error/batch-2.csv")).exists();
		assertThat(this.sink.tasks()).extracting(task -> task.item().externalId()).containsExactly("D-3", "D-6");
		assertThat(this.sink.malformed()).extracting(input -> input.location())
			.containsExactly("batch-2.csv:3", "batch-2.csv:4");
	}

	@Test
	void capturesTheRecordsOfJsonAndXmlFiles() throws IOException {
		start(Map.of("externalId", "/id | default:none", "title", "/title"), null);
		drop("a.json", "{\"items\": [{\"id\": \"J-1\", \"title\": \"one\"}, {\"id\": \"J-2\", \"title\": \"two\"}]}");

		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(this.drop.resolve("archive/a.json")));
		this.source.close();
		this.source = null;
		start(Map.of("externalId", "@id", "title", "title"), "/batch/letter");
		drop("b.xml", "<batch><letter id=\"X-1\"><title>first</title></letter><letter id=\"X-2\"><title>second</title></letter></batch>");

		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(this.drop.resolve("archive/b.xml")));
		assertThat(this.sink.tasks()).extracting(task -> task.item().externalId()).containsExactly("J-1", "J-2", "X-1", "X-2");
	}

	@Test
	void movesAFileThatIsNotWellFormedToTheErrorFolder() throws IOException {
		start(Map.of("externalId", "/id"), null);
		drop("broken.xml", "<batch><letter>");

		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(this.drop.resolve("error/broken.xml.report.txt")));
		assertThat(Files.readString(this.drop.resolve("error/broken.xml.report.txt")))
			.contains("broken.xml: payload: not well-formed XML");
	}

	@Test
	void leavesTheFileInPlaceWhileTheSinkFailsRetryablyAndCapturesItLater() throws IOException {
		this.sink.failNextCallWith(CaptureException.temporaryFailure("database unavailable", null));
		start(Map.of("externalId", "doc", "title", "subject"), null);
		drop("retry.csv", "doc;subject\nR-1;retried\n");

		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(this.drop.resolve("archive/retry.csv")));
		assertThat(this.sink.log()).containsExactly("capture R-1 failed: database unavailable", "capture R-1");
	}

}
