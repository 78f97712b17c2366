package org.openwd.connector.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.io.TempDir;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.ConnectorContractTest;

/** The file-drop source keeps the connector contract: each dropped JSON file is one record. */
class FileDropSourceContractTests extends ConnectorContractTest {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	@TempDir
	Path drop;

	@Override
	protected ConnectorSource newSource() {
		return new FileDropSource("file-contract",
				new FileDropSettings(this.drop, null, null, null, ',', null, null, Duration.ofMillis(50), Duration.ofMillis(50)),
				ItemMapping.of("scanner", Map.of("externalId", "/id", "title", "/title", "operation", "/op | default:capture",
						"reason", "/reason")),
				Clock.systemUTC());
	}

	@Override
	protected String sourceSystem() {
		return "scanner";
	}

	/** Written under a temporary name and renamed, as producers should. */
	private void drop(String json) throws IOException {
		String name = String.format("%08d.json", SEQUENCE.incrementAndGet());
		Path temporary = this.drop.resolve(name + ".tmp");
		Files.writeString(temporary, json, StandardCharsets.UTF_8);
		Files.move(temporary, this.drop.resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	protected void sendCapture(String externalId, String title) throws IOException {
		drop("{\"id\":\"" + externalId + "\",\"title\":\"" + title + "\"}");
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) throws IOException {
		drop("{\"id\":\"" + externalId + "\",\"title\":\"" + newTitle + "\",\"op\":\"update\"}");
	}

	@Override
	protected void sendCancel(String externalId, String reason) throws IOException {
		drop("{\"id\":\"" + externalId + "\",\"op\":\"cancel\",\"reason\":\"" + reason + "\"}");
	}

	@Override
	protected void sendMalformed(String marker) throws IOException {
		drop("{\"id\":\"" + marker + "\", oops");
	}

}
