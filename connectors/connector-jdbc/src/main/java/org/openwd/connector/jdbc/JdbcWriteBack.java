package org.openwd.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.openwd.connector.api.StateNotice;
import org.openwd.connector.api.WriteBack;

/**
 * Write-back as a column update: {@code UPDATE table SET state_column = ? [, outcome_column = ?] WHERE key_column = ?}
 * with the item's external id as the key. The written value is the task state, or its translation from
 * {@code values} (e.g. COMPLETED to DONE). Returns after the update committed (auto-commit).
 */
public final class JdbcWriteBack implements WriteBack {

	private final DataSource dataSource;

	private final String sql;

	private final boolean withOutcome;

	private final Map<String, String> values;

	/**
	 * @param table the legacy table
	 * @param keyColumn the column holding the external id
	 * @param stateColumn the column that receives the state
	 * @param outcomeColumn the column that receives the completion outcome, or {@code null}
	 * @param values state name to the value written (missing: the state name itself)
	 */
	public JdbcWriteBack(DataSource dataSource, String table, String keyColumn, String stateColumn, String outcomeColumn,
			Map<String, String> values) {
		this.dataSource = dataSource;
		JdbcSourceSettings.identifier(table, "table");
		JdbcSourceSettings.identifier(keyColumn, "key-column");
		JdbcSourceSettings.identifier(stateColumn, "state-column");
		this.withOutcome = outcomeColumn != null && !outcomeColumn.isBlank();
		if (this.withOutcome) {
			JdbcSourceSettings.identifier(outcomeColumn, "outcome-column");
		}
		this.sql = "UPDATE " + table + " SET " + stateColumn + " = ?"
				+ (this.withOutcome ? ", " + outcomeColumn + " = COALESCE(?, " + outcomeColumn + ")" : "") + " WHERE "
				+ keyColumn + " = ?";
		this.values = Map.copyOf(values);
	}

	@Override
	public void deliver(StateNotice notice) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(this.sql)) {
			int i = 1;
			statement.setString(i++, this.values.getOrDefault(notice.state(), notice.state()));
			if (this.withOutcome) {
				statement.setString(i++, notice.outcome());
			}
			statement.setString(i, notice.externalId());
			if (statement.executeUpdate() == 0) {
				throw new SQLException("no row with key " + notice.externalId() + " to write the state to");
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
	}

}
