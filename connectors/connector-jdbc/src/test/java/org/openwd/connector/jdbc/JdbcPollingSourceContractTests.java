package org.openwd.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.ConnectorContractTest;

/** The JDBC polling source keeps the connector contract against a legacy table in H2. */
class JdbcPollingSourceContractTests extends ConnectorContractTest {

	static final Map<String, String> MAPPING = Map.of("externalId", "case_no", "title", "subject", "dueTime",
			"due | date:dd.MM.yyyy", "operation", "status | enum:OPEN=capture,WITHDRAWN=cancel,DONE=complete", "reason",
			"note");

	private static final AtomicLong CHANGES = new AtomicLong();

	final JdbcDataSource dataSource = new JdbcDataSource();

	final WatermarkStore watermarks = WatermarkStore.inMemory();

	@BeforeEach
	void legacyTable() throws SQLException {
		this.dataSource.setURL("jdbc:h2:mem:legacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE legacy_case (case_no VARCHAR(50) PRIMARY KEY, subject VARCHAR(200), due VARCHAR(20),"
					+ " status VARCHAR(20) NOT NULL, note VARCHAR(200), change_no BIGINT NOT NULL, owd_state VARCHAR(20))");
		}
	}

	@Override
	protected ConnectorSource newSource() {
		return new JdbcPollingSource("jdbc-contract", this.dataSource,
				new JdbcSourceSettings("legacy_case", "change_no", "case_no", null, null, 3, Duration.ofMillis(50),
						Duration.ofMillis(50)),
				ItemMapping.of("ledger", MAPPING), this.watermarks, Clock.systemUTC());
	}

	@Override
	protected String sourceSystem() {
		return "ledger";
	}

	void sql(String sql, Object... args) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			statement.executeUpdate();
		}
	}

	@Override
	protected void sendCapture(String externalId, String title) throws SQLException {
		sql("INSERT INTO legacy_case (case_no, subject, status, change_no) VALUES (?, ?, 'OPEN', ?)", externalId, title,
				CHANGES.incrementAndGet());
	}

	@Override
	protected void sendAgain(String externalId, String title) throws SQLException {
		// the legacy application touches the row without changing it: it is read again
		sql("UPDATE legacy_case SET change_no = ? WHERE case_no = ?", CHANGES.incrementAndGet(), externalId);
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) throws SQLException {
		sql("UPDATE legacy_case SET subject = ?, change_no = ? WHERE case_no = ?", newTitle, CHANGES.incrementAndGet(),
				externalId);
	}

	@Override
	protected void sendCancel(String externalId, String reason) throws SQLException {
		sql("UPDATE legacy_case SET status = 'WITHDRAWN', note = ?, change_no = ? WHERE case_no = ?", reason,
				CHANGES.incrementAndGet(), externalId);
	}

	@Override
	protected void sendMalformed(String marker) throws SQLException {
		sql("INSERT INTO legacy_case (case_no, subject, due, status, change_no) VALUES (?, 'bad due', '31.31.2025', 'OPEN', ?)",
				marker, CHANGES.incrementAndGet());
	}

}
