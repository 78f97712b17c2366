package org.openwd.connector.example.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

import org.openwd.connector.api.ConnectorProvider;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.testkit.ConnectorContractTest;

/** The example source keeps the connector contract; its upstream is ACME's spool file, one record appended per line. */
class AcmeSpoolSourceContractTests extends ConnectorContractTest {

	static final String LAYOUT = "claim:1-20,action:21-21,title:22-61,due:62-69";

	static final Map<String, String> MAPPING = Map.of("externalId", "claim", "type", "=claim", "title", "title",
			"dueTime", "due | date:yyyyMMdd@Europe/Berlin", "operation", "action | enum:N=capture,U=update,X=cancel",
			"reason", "=withdrawn at ACME");

	@TempDir
	Path directory;

	@Override
	protected ConnectorSource newSource() {
		return new AcmeSpoolProvider().createSource(new ConnectorProvider.Instance("acme", "acme",
				Map.of("file", this.directory.resolve("claims.spool").toString(), "layout", LAYOUT, "poll-interval", "PT0.05S"),
				MAPPING, null, Clock.systemUTC()));
	}

	@Override
	protected String sourceSystem() {
		return "acme";
	}

	static String record(String claim, char action, String title, String due) {
		return String.format("%-20s%c%-40s%-8s%n", claim, action, title, due).replace(System.lineSeparator(), "\n");
	}

	private void append(String record) throws IOException {
		Files.writeString(this.directory.resolve("claims.spool"), record, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	@Override
	protected void sendCapture(String externalId, String title) throws IOException {
		append(record(externalId, 'N', title, "20310301"));
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) throws IOException {
		append(record(externalId, 'U', newTitle, ""));
	}

	@Override
	protected void sendCancel(String externalId, String reason) throws IOException {
		append(record(externalId, 'X', "", ""));
	}

	@Override
	protected void sendMalformed(String marker) throws IOException {
		append(record(marker, 'N', "bad due date", "20311399"));
	}

}
