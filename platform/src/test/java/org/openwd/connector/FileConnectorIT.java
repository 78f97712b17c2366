package org.openwd.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The file-drop connector hosted by the platform: records become tasks, bad lines are reported with the file. */
class FileConnectorIT extends ConnectorIntegrationTest {

	private void drop(String name, String content) throws IOException {
		Path temporary = DROP.resolve(name + ".part");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, DROP.resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	private int status(String doc) {
		return this.api.get("admin", "/api/v1/sources/scanner-it/tasks/" + doc).status();
	}

	@Test
	void capturesTheGoodLinesOfADroppedCsvAndMovesItToErrorWithAReportOfTheBadOnes() throws IOException {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String name = "scan-" + run + ".csv";
		drop(name, "doc;subject;due\nD-" + run + "-1;Letter from Mrs Smith;05.03.2031\nD-" + run
				+ "-2;Bad date;35.03.2031\nD-" + run + "-3;Invoice copy;\n");

		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(DROP.resolve("error/" + name + ".report.txt")));
		assertThat(status("D-" + run + "-1")).isEqualTo(200);
		assertThat(status("D-" + run + "-3")).isEqualTo(200);
		assertThat(status("D-" + run + "-2")).isEqualTo(404);
		assertThat(Files.readString(DROP.resolve("error/" + name + ".report.txt")))
			.contains(name + ":3: dueTime: \"35.03.2031\" does not match dd.MM.yyyy");
		assertThat(this.api.get("admin", "/api/v1/connectors/" + FILE + "/malformed").raw().body()).contains(name + ":3");
	}

	@Test
	void archivesAFileWhoseRecordsWereAllCaptured() throws IOException {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String name = "scan-" + run + ".csv";
		drop(name, "doc;subject;due\nA-" + run + ";Archived letter;01.04.2031\n");

		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(DROP.resolve("archive/" + name)));
		assertThat(status("A-" + run)).isEqualTo(200);
		assertThat(this.api.get("admin", "/api/v1/sources/scanner-it/tasks/A-" + run).body().path("type").asText())
			.isEqualTo("letter");
	}

}
