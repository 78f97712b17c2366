package org.openwd.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.connector.api.StateNotice;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.RecordingSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JdbcPollingSourceTests {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private final WatermarkStore watermarks = WatermarkStore.inMemory();

	private final RecordingSink sink = new RecordingSink();

	private JdbcPollingSource source;

	@BeforeEach
	void legacyTable() throws SQLException {
		this.dataSource.setURL("jdbc:h2:mem:legacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		sql("CREATE TABLE legacy_case (case_no VARCHAR(50) PRIMARY KEY, subject VARCHAR(200), status VARCHAR(20),"
				+ " updated_at TIMESTAMP(6) NOT NULL, owd_state VARCHAR(20), owd_outcome VARCHAR(50))");
	}

	@AfterEach
	void close() {
		if (this.source != null) {
			this.source.close();
		}
	}

	private void sql(String sql, Object... args) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			statement.execute();
		}
	}

	private JdbcPollingSource start(int batchSize) {
		this.source = new JdbcPollingSource("ledger", this.dataSource,
				new JdbcSourceSettings("legacy_case", "updated_at", "case_no", null, null, batchSize, Duration.ofMillis(50),
						Duration.ofMillis(50)),
				ItemMapping.of("ledger", Map.of("externalId", "case_no", "title", "subject")), this.watermarks,
				Clock.systemUTC());
		this.source.start(this.sink);
		return this.source;
	}

	@Test
	void readsRowsWithTheSameWatermarkAcrossBatchBoundariesWithoutLosingAny() throws SQLException {
		for (int i = 1; i <= 7; i++) {
			sql("INSERT INTO legacy_case (case_no, subject, updated_at) VALUES (?, ?, TIMESTAMP '2025-01-01 10:00:00')", "C" + i,
					"same second " + i);
		}

		start(3);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.sink.tasks().size() == 7);
		assertThat(this.watermarks.load("ledger")).hasValue(new WatermarkStore.Position("ts:2025-01-01T10:00", "s:C7"));
	}

	@Test
	void resumesAfterTheSavedWatermarkOnRestart() throws SQLException {
		sql("INSERT INTO legacy_case (case_no, subject, updated_at) VALUES ('A', 'old', TIMESTAMP '2025-01-01 10:00:00')");
		start(10);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sink.tasks().size() == 1);
		this.source.close();
		int callsBefore = this.sink.calls();

		sql("INSERT INTO legacy_case (case_no, subject, updated_at) VALUES ('B', 'new', TIMESTAMP '2025-01-01 10:00:01')");
		start(10);

		await().atMost(Duration.ofSeconds(10)).until(() -> this.sink.task("ledger", "B").isPresent());
		assertThat(this.sink.log().subList(callsBefore, this.sink.log().size())).containsExactly("capture B");
	}

	@Test
	void writesTheTaskStateBackToAColumn() throws Exception {
		sql("INSERT INTO legacy_case (case_no, subject, updated_at) VALUES ('W', 'x', TIMESTAMP '2025-01-01 10:00:00')");
		JdbcWriteBack writeBack = new JdbcWriteBack(this.dataSource, "legacy_case", "case_no", "owd_state", "owd_outcome",
				Map.of("COMPLETED", "DONE"));

		writeBack.deliver(new StateNotice("d1", "ledger", "W", "t1", "completed", "COMPLETED", "paid", "agent", null,
				Instant.parse("2025-01-02T10:00:00Z"), 7));

		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT owd_state, owd_outcome FROM legacy_case WHERE case_no = 'W'")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("DONE");
			assertThat(rs.getString(2)).isEqualTo("paid");
		}
	}

	@Test
	void failsAWriteBackForARowThatIsGoneSoItIsRetried() {
		JdbcWriteBack writeBack = new JdbcWriteBack(this.dataSource, "legacy_case", "case_no", "owd_state", null, Map.of());

		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> writeBack.deliver(new StateNotice("d1", "ledger", "missing", "t1", "assigned",
					"ASSIGNED", null, "agent", null, Instant.EPOCH, 1)))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("no row with key missing");
	}

}
