package org.openwd.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.api.PollingSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.MapRecord;
import org.openwd.connector.mapping.MappingException;
import org.openwd.connector.mapping.SourceCommand;

/**
 * Polls a legacy table in batches, ordered by (watermark column, key column), starting after the saved
 * {@link WatermarkStore.Position}. Each row is mapped by configuration and delivered; the position advances past a
 * row only after the sink returned (or the row was reported malformed or rejected), and is saved after each batch.
 * A changed row comes round again (its watermark grew) and becomes an update of its task (upsert); a status column
 * mapped to {@code operation} turns rows into cancels or completions. One thread of its own; plain JDBC.
 */
public final class JdbcPollingSource extends PollingSource {

	private final DataSource dataSource;

	private final JdbcSourceSettings settings;

	private final ItemMapping mapping;

	private final WatermarkStore watermarks;

	private final Clock clock;

	private WatermarkStore.Position position;

	public JdbcPollingSource(String name, DataSource dataSource, JdbcSourceSettings settings, ItemMapping mapping,
			WatermarkStore watermarks, Clock clock) {
		super(name, "openwd-jdbc-" + name);
		this.dataSource = dataSource;
		this.settings = settings;
		this.mapping = mapping;
		this.watermarks = watermarks;
		this.clock = clock;
	}

	@Override
	protected void prepare() {
		this.position = this.watermarks.load(name()).orElse(null);
	}

	/** A full batch polls again at once. */
	@Override
	protected Duration poll(CaptureSink sink) throws SQLException {
		int delivered = pollOnce(sink);
		return delivered >= this.settings.batchSize() ? Duration.ZERO : this.settings.pollInterval();
	}

	/** The database could not be read: down until it can; a failing sink call does not make the table unreadable. */
	@Override
	protected Duration failedPoll(Exception failure) {
		recordError(failure.getMessage());
		if (failure instanceof SQLException) {
			down();
		}
		return this.settings.retryBackoff();
	}

	/** Reads and delivers one batch; returns how many rows it went through. */
	int pollOnce(CaptureSink sink) throws SQLException {
		List<Map<String, Object>> rows = readBatch();
		recordActivity(this.clock.instant());
		int done = 0;
		try {
			for (Map<String, Object> row : rows) {
				if (closing()) {
					break;
				}
				deliver(sink, row);
				this.position = positionOf(row);
				done++;
			}
		}
		finally {
			if (done > 0) {
				this.watermarks.save(name(), this.position);
			}
		}
		recordLag(rows.size() < this.settings.batchSize() ? Duration.ZERO : lagOf(rows.get(rows.size() - 1)));
		return done;
	}

	private void deliver(CaptureSink sink, Map<String, Object> row) {
		String location = this.settings.table() + " row " + this.settings.keyColumn() + "=" + value(row, this.settings.keyColumn());
		SourceCommand command;
		try {
			command = this.mapping.map(new MapRecord(row));
		}
		catch (MappingException ex) {
			sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), location, ex.getMessage(), row.toString()));
			countFailed();
			recordError(ex.getMessage());
			return;
		}
		try {
			command.deliver(sink);
			countCaptured();
		}
		catch (CaptureException ex) {
			if (ex.retryable()) {
				throw ex;
			}
			countFailed();
			recordError(location + " rejected: " + ex.getMessage());
		}
	}

	private List<Map<String, Object>> readBatch() throws SQLException {
		String watermark = this.settings.watermarkColumn();
		String key = this.settings.keyColumn();
		StringBuilder sql = new StringBuilder("SELECT ").append(this.settings.columns())
			.append(" FROM ")
			.append(this.settings.table())
			.append(" WHERE ");
		if (this.settings.where() != null && !this.settings.where().isBlank()) {
			sql.append('(').append(this.settings.where()).append(") AND ");
		}
		if (this.position == null) {
			sql.append("1 = 1");
		}
		else {
			sql.append('(').append(watermark).append(" > ? OR (").append(watermark).append(" = ? AND ").append(key)
				.append(" > ?))");
		}
		sql.append(" ORDER BY ").append(watermark).append(", ").append(key);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			statement.setMaxRows(this.settings.batchSize());
			statement.setFetchSize(this.settings.batchSize());
			if (this.position != null) {
				Object typed = typed(this.position.watermark());
				statement.setObject(1, typed);
				statement.setObject(2, typed);
				statement.setObject(3, typedKey(this.position.key()));
			}
			List<Map<String, Object>> rows = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				ResultSetMetaData meta = rs.getMetaData();
				while (rs.next() && rows.size() < this.settings.batchSize()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						Object value = rs.getObject(i);
						if (value instanceof Timestamp timestamp) {
							value = timestamp.toLocalDateTime();
						}
						else if (value instanceof java.sql.Date date) {
							value = date.toLocalDate();
						}
						else if (value instanceof java.sql.Clob clob) {
							value = clob.getSubString(1, (int) clob.length());
						}
						row.put(meta.getColumnLabel(i), value);
					}
					rows.add(row);
				}
			}
			return rows;
		}
	}

	/** Watermarks are saved as text; numbers and timestamps are bound with their type again. */
	private static Object typed(String text) {
		if (text.startsWith("ts:")) {
			return Timestamp.valueOf(LocalDateTime.parse(text.substring(3)));
		}
		if (text.startsWith("n:")) {
			return new java.math.BigDecimal(text.substring(2));
		}
		return text.startsWith("s:") ? text.substring(2) : text;
	}

	private static Object typedKey(String text) {
		return typed(text);
	}

	private static String encode(Object value) {
		if (value instanceof LocalDateTime local) {
			return "ts:" + local;
		}
		if (value instanceof java.time.LocalDate date) {
			return "ts:" + date.atStartOfDay();
		}
		if (value instanceof Number number) {
			return "n:" + new java.math.BigDecimal(number.toString()).toPlainString();
		}
		return "s:" + value;
	}

	private WatermarkStore.Position positionOf(Map<String, Object> row) {
		return new WatermarkStore.Position(encode(value(row, this.settings.watermarkColumn())),
				encode(value(row, this.settings.keyColumn())));
	}

	private Duration lagOf(Map<String, Object> row) {
		if (value(row, this.settings.watermarkColumn()) instanceof LocalDateTime at) {
			Duration behind = Duration.between(at.toInstant(ZoneOffset.UTC), this.clock.instant());
			return behind.isNegative() ? Duration.ZERO : behind;
		}
		return null;
	}

	private static Object value(Map<String, Object> row, String column) {
		for (Map.Entry<String, Object> entry : row.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(column)) {
				return entry.getValue();
			}
		}
		throw new IllegalStateException("column " + column + " is not in the result");
	}

}
