package org.openwd.connector;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JDBC polling connector against a legacy table (H2 in memory, or a database on the real MariaDB server): rows
 * become tasks, changed rows update them, a status column cancels or completes them, and the task's state is
 * written back to a column of the row.
 */
class JdbcConnectorIT extends ConnectorIntegrationTest {

	private Api.Response task(String claimNo) {
		return this.api.get("admin", "/api/v1/sources/ledger-it/tasks/" + claimNo);
	}

	private static void insert(String claimNo, String subject, String status) {
		LegacyDatabase.sql("INSERT INTO legacy_claim (claim_no, subject, status, amount, received, updated_at)"
				+ " VALUES (?, ?, ?, 99.50, '01.03.2025', CURRENT_TIMESTAMP(6))", claimNo, subject, status);
	}

	private static void change(String claimNo, String column, String value) {
		LegacyDatabase.sql("UPDATE legacy_claim SET " + column + " = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE claim_no = ?",
				value, claimNo);
	}

	@Test
	void capturesANewRowAndWritesTheQueuedStateBackToItsColumn() {
		String claim = "CL-" + UUID.randomUUID();
		insert(claim, "Storm damage", "NEW");

		await().atMost(Duration.ofSeconds(30)).until(() -> task(claim).status() == 200);
		JsonNode task = task(claim).body();
		assertThat(task.path("title").asText()).isEqualTo("Storm damage");
		assertThat(task.path("attributes").path("amount").decimalValue()).isEqualByComparingTo("99.50");
		assertThat(task.path("attributes").path("received").asText()).isEqualTo("2025-03-01T00:00:00Z");
		await().atMost(Duration.ofSeconds(30)).until(() -> "QUEUED".equals(LegacyDatabase.column(claim, "owd_state")));
	}

	@Test
	void aChangedRowUpdatesItsTaskAndAWithdrawnOneCancelsIt() {
		String claim = "CL-" + UUID.randomUUID();
		insert(claim, "Before", "NEW");
		await().atMost(Duration.ofSeconds(30)).until(() -> task(claim).status() == 200);

		change(claim, "subject", "After");
		await().atMost(Duration.ofSeconds(30)).until(() -> task(claim).body().path("title").asText().equals("After"));
		change(claim, "status", "WITHDRAWN");

		await().atMost(Duration.ofSeconds(30)).until(() -> task(claim).body().path("state").asText().equals("CANCELED"));
		await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELED".equals(LegacyDatabase.column(claim, "owd_state")));
	}

	@Test
	void writesTheCompletionWithItsOutcomeBackToTheRow() {
		String claim = "CL-" + UUID.randomUUID();
		insert(claim, "To be completed in OpenWD", "NEW");
		await().atMost(Duration.ofSeconds(30)).until(() -> task(claim).status() == 200);

		Api.Response completed = this.api.post("connector", "/api/v1/sources/ledger-it/tasks/" + claim + "/complete",
				Map.of("outcome", "approved"));
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(LegacyDatabase.column(claim, "owd_state")));
		assertThat(LegacyDatabase.column(claim, "owd_outcome")).isEqualTo("approved");
		JsonNode deliveries = this.api
			.get("supervisor", "/api/v1/write-back/deliveries?connector=" + JDBC + "&taskId=" + task(claim).text("id"))
			.body();
		assertThat(deliveries.findValuesAsText("status")).contains("DELIVERED");
		assertThat(deliveries.findValuesAsText("event")).contains("completed");
	}

	@Test
	void reportsAMalformedRowWithItsKeyAndKeepsPolling() {
		String bad = "CL-" + UUID.randomUUID();
		String good = "CL-" + UUID.randomUUID();
		LegacyDatabase.sql("INSERT INTO legacy_claim (claim_no, subject, status, received, updated_at)"
				+ " VALUES (?, 'bad date', 'NEW', '31.13.2025', CURRENT_TIMESTAMP(6))", bad);
		insert(good, "Fine", "NEW");

		await().atMost(Duration.ofSeconds(30)).until(() -> task(good).status() == 200);
		assertThat(task(bad).status()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("admin", "/api/v1/connectors/" + JDBC + "/malformed").raw().body()
				.contains("legacy_claim row claim_no=" + bad));
		assertThat(this.api.get("admin", "/api/v1/connectors/" + JDBC + "/malformed").raw().body())
			.contains("attributes.received: \\\"31.13.2025\\\" does not match dd.MM.yyyy");
	}

}
