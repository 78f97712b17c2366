package org.openwd.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worked example of docs/connectors.md, end to end: the ACME spool adapter (connector-example-acme) is found
 * through ServiceLoader, configured by properties only, captures, updates and cancels claims, and the cancel is
 * written back to ACME's web endpoint.
 */
class AcmeConnectorIT extends ConnectorIntegrationTest {

	private static void append(String claim, char action, String title, String due) throws IOException {
		Files.createDirectories(SPOOL.getParent());
		Files.writeString(SPOOL, String.format("%-20s%c%-40s%-8s", claim, action, title, due) + "\n", StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	private String field(String claim, String field) {
		return this.api.get("admin", "/api/v1/sources/acme-it/tasks/" + claim).text(field);
	}

	@Test
	void aSpoolRecordBecomesATaskAChangeUpdatesItAndAWithdrawalCancelsItAndIsWrittenBack() throws IOException {
		String claim = "CLM-" + UUID.randomUUID().toString().substring(0, 12);
		append(claim, 'N', "Storm damage, roof", "20310301");
		await().atMost(Duration.ofSeconds(30)).until(() -> "Storm damage, roof".equals(field(claim, "title")));

		append(claim, 'U', "Storm damage, roof and garage", "");
		await().atMost(Duration.ofSeconds(30)).until(() -> "Storm damage, roof and garage".equals(field(claim, "title")));

		append(claim, 'X', "", "");
		await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELED".equals(field(claim, "state")));
		await().atMost(Duration.ofSeconds(30)).until(() -> SourceSystemEndpoint.INSTANCE.received.stream()
			.anyMatch(call -> new String(call.body(), StandardCharsets.UTF_8).contains(claim)));
		assertThat(this.api.get("admin", "/api/v1/connectors/" + ACME).text("type")).isEqualTo("acme-spool");
	}

}
