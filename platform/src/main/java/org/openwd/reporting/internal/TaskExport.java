package org.openwd.reporting.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Streams the task list as CSV (RFC 4180) with the same filters as {@code GET /api/v1/tasks}. Rows are read with a
 * forward-only cursor in fetch-size chunks and written as they come, so memory stays flat for millions of rows.
 * Cells that a spreadsheet would run as a formula get a leading apostrophe.
 */
@Component
public class TaskExport {

	public record Filter(Set<String> states, String type, String department, String process, String sourceSystem,
			String customerId, Instant dueBefore, Instant dueAfter, String q, String assignedEmployee, long limit) {
	}

	static final List<String> COLUMNS = List.of("id", "source_system", "external_id", "type", "title", "state",
			"department", "process", "routing_profile", "customer_id", "customer_segment", "business_value",
			"assigned_employee", "captured_at", "due_time", "sla_warning_at", "waiting_since", "closed_at", "outcome");

	private final JdbcTemplate jdbc;

	TaskExport(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void write(Filter filter, Writer out) {
		List<Object> args = new ArrayList<>();
		StringBuilder where = new StringBuilder(" WHERE 1=1");
		if (filter.states() != null && !filter.states().isEmpty()) {
			where.append(" AND state IN (").append(String.join(",", filter.states().stream().map(s -> "?").toList())).append(')');
			args.addAll(filter.states());
		}
		eq(where, args, "type", filter.type());
		eq(where, args, "department", filter.department());
		eq(where, args, "process", filter.process());
		eq(where, args, "source_system", filter.sourceSystem());
		eq(where, args, "customer_id", filter.customerId());
		eq(where, args, "assigned_employee", filter.assignedEmployee());
		if (filter.dueBefore() != null) {
			where.append(" AND due_time < ?");
			args.add(Db.utc(filter.dueBefore()));
		}
		if (filter.dueAfter() != null) {
			where.append(" AND due_time >= ?");
			args.add(Db.utc(filter.dueAfter()));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			// '!' as the escape character: no backslash, which MariaDB would read as an escape in the literal itself
			where.append(" AND LOWER(title) LIKE ? ESCAPE '!'");
			args.add("%" + filter.q().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		String sql = "SELECT " + String.join(", ", COLUMNS) + " FROM owd_task" + where
				+ " ORDER BY captured_at DESC, id DESC";
		try {
			out.write(String.join(",", COLUMNS) + "\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long[] rows = { 0 };
		jdbc.query(connection -> {
			var statement = connection.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
					java.sql.ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(500);
			statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, filter.limit()));
			for (int i = 0; i < args.size(); i++) {
				statement.setObject(i + 1, args.get(i));
			}
			return statement;
		}, rs -> {
			StringBuilder line = new StringBuilder(256);
			for (int i = 0; i < COLUMNS.size(); i++) {
				if (i > 0) {
					line.append(',');
				}
				String column = COLUMNS.get(i);
				String value = column.endsWith("_at") || column.endsWith("_time") || column.equals("waiting_since")
						? str(Db.instant(rs, column)) : rs.getString(column);
				line.append(cell(value));
			}
			line.append("\r\n");
			try {
				out.write(line.toString());
				if (++rows[0] % 1000 == 0) {
					out.flush();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try {
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String str(Object value) {
		return value == null ? null : value.toString();
	}

	private static void eq(StringBuilder where, List<Object> args, String column, String value) {
		if (value != null && !value.isBlank()) {
			where.append(" AND ").append(column).append(" = ?");
			args.add(value);
		}
	}

	/** RFC 4180 quoting, and no formula injection into spreadsheets. */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
			return '"' + v.replace("\"", "\"\"") + '"';
		}
		return v;
	}

}
