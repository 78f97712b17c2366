package org.openwd.bench.backlog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes queued tasks straight into the platform's schema (created by its own Flyway migrations), exactly as the
 * capture path leaves a classified task: the {@code owd_task} row in state QUEUED with its classification columns
 * (department, process, required skills, routing profile, SLA due and warning times, waiting since, classified by) and
 * its two history rows (CAPTURE, then CLASSIFY to QUEUED with the classification's details). Multi-row INSERTs of
 * {@link #ROWS_PER_STATEMENT} rows, one commit per {@link #ROWS_PER_COMMIT}: set-based, portable across H2 and MariaDB.
 * <p>
 * Not written: the escalation instance rows ({@code owd_escalation_instance}) the escalation starter requests when a
 * captured task is queued; a million BPMN instances are workload W6, not this one.
 */
public final class BacklogLoader {

	static final int ROWS_PER_STATEMENT = 500;

	static final int ROWS_PER_COMMIT = 10_000;

	private static final String TASK_COLUMNS = "id, source_system, external_id, type, title, description, customer_id, "
			+ "customer_segment, business_value, created_at, captured_at, activation_time, due_time, department, process, "
			+ "required_skills, attributes, state, state_reason, assigned_employee, offer_expires_at, outcome, classified_by, "
			+ "updated_at, closed_at, history_count, version, routing_profile, sla_warning_at, waiting_since, priority_pinned, "
			+ "priority_boost, source_due_time, target_step, escalation_stage";

	private static final int TASK_PARAMS = 35;

	private static final String HISTORY_COLUMNS = "task_id, seq, at, actor, action, from_state, to_state, reason, details";

	private static final int HISTORY_PARAMS = 9;

	private final String jdbc;

	private final String user;

	private final String password;

	public BacklogLoader(String jdbc, String user, String password) {
		this.jdbc = jdbc;
		this.user = user;
		this.password = password;
	}

	/** What was loaded: the ids of the tasks of the W5 profile are kept for checks. */
	public record Loaded(int tasks, double seconds, List<UUID> changedProfileTasks) {
	}

	/**
	 * Loads {@code n} queued tasks of {@code fixture}, captured at random moments up to {@code fixture.maxWait()} before
	 * {@code now}.
	 */
	public Loaded load(BacklogFixture fixture, int n, Instant now, long seed) throws SQLException {
		SplittableRandom random = new SplittableRandom(seed);
		List<UUID> changed = new ArrayList<>();
		long t0 = System.nanoTime();
		try (Connection c = DriverManager.getConnection(jdbc, user, password)) {
			c.setAutoCommit(false);
			relaxChecks(c);
			try (PreparedStatement tasks = c.prepareStatement(insert("owd_task", TASK_COLUMNS, TASK_PARAMS, 1));
					PreparedStatement history = c.prepareStatement(insert("owd_task_history", HISTORY_COLUMNS, HISTORY_PARAMS, 1))) {
				int inBatch = 0;
				int pending = 0;
				for (int i = 0; i < n; i++) {
					BacklogFixture.Task t = fixture.task(i, random, now);
					if (t.profile() == BacklogFixture.CHANGED_PROFILE) {
						changed.add(t.id());
					}
					add(tasks, taskRow(fixture, t));
					add(history, captureEntry(t));
					add(history, classifyEntry(fixture, t));
					if (++inBatch == ROWS_PER_STATEMENT || i == n - 1) {
						tasks.executeBatch();
						history.executeBatch();
						pending += inBatch;
						inBatch = 0;
						if (pending >= ROWS_PER_COMMIT || i == n - 1) {
							c.commit();
							pending = 0;
						}
					}
				}
			}
		}
		return new Loaded(n, (System.nanoTime() - t0) / 1e9, changed);
	}

	/**
	 * MariaDB: the loader's rows are consistent by construction (unique ids and external ids, every history row's task
	 * in the same transaction), so this session skips the uniqueness and foreign-key look-ups InnoDB would do per row
	 * (secondary unique keys can then go through the change buffer). Only this connection; the platform's are untouched.
	 */
	private void relaxChecks(Connection c) throws SQLException {
		if (jdbc.startsWith("jdbc:mariadb:") || jdbc.startsWith("jdbc:mysql:")) {
			try (Statement s = c.createStatement()) {
				s.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0");
			}
		}
	}

	private static void add(PreparedStatement statement, Object[] row) throws SQLException {
		for (int p = 0; p < row.length; p++) {
			statement.setObject(p + 1, row[p]);
		}
		statement.addBatch();
	}

	private static Object[] taskRow(BacklogFixture fixture, BacklogFixture.Task t) {
		LocalDateTime captured = time(t.capturedAt());
		return new Object[] { t.id().toString(), BacklogFixture.SOURCE, t.externalId(), BacklogFixture.TYPE, t.title(), null,
				t.customerId(), null, t.businessValue(), captured, captured, null, time(t.dueTime()), t.department(),
				BacklogFixture.PROCESS, "[\"" + t.skill() + "\"]", "{}", "QUEUED", null, null, null, null,
				fixture.classifiedBy(t.profile()), captured, null, 2, 0L, fixture.profileName(t.profile()), time(t.warningAt()),
				captured, false, 0, null, null, null };
	}

	private static Object[] captureEntry(BacklogFixture.Task t) {
		return new Object[] { t.id().toString(), 1, time(t.capturedAt()), BacklogFixture.CAPTURE_ACTOR, "CAPTURE", null,
				"CAPTURED", null, "{}" };
	}

	private static Object[] classifyEntry(BacklogFixture fixture, BacklogFixture.Task t) {
		// the details Task.applyClassification records, in its order
		String details = "{\"decision\":\"" + fixture.classifiedBy(t.profile()) + "\",\"department\":\"" + t.department()
				+ "\",\"process\":\"" + BacklogFixture.PROCESS + "\",\"routingProfile\":\"" + fixture.profileName(t.profile())
				+ "\",\"dueTime\":\"" + t.dueTime() + "\"}";
		return new Object[] { t.id().toString(), 2, time(t.capturedAt()), "system", "CLASSIFY", "CAPTURED", "QUEUED", null,
				details };
	}

	private static String insert(String table, String columns, int params, int rows) {
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
		String one = "(" + "?,".repeat(params - 1) + "?)";
		for (int r = 0; r < rows; r++) {
			sql.append(r == 0 ? "" : ",").append(one);
		}
		return sql.toString();
	}

	static LocalDateTime time(Instant instant) {
		return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
	}

	/** Rows of a table (for the checks). */
	public long count(String sql) throws SQLException {
		try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement();
				ResultSet r = s.executeQuery(sql)) {
			r.next();
			return r.getLong(1);
		}
	}

	/**
	 * Row writes seen by the database: {@code server} is MariaDB's handler counters (rows written, updated, deleted in
	 * any table, server-wide; -1 on other databases: MariaDB has no {@code Innodb_rows_*} counters); {@code taskRows}
	 * the tasks' optimistic-lock versions summed plus the rows of the task and history tables, which grows by one for
	 * every task row inserted or updated (each update bumps its version) and every history row inserted.
	 */
	public record RowWrites(long server, long taskRows) {

		String minus(RowWrites before) {
			return "server-wide (Handler_write + _update + _delete) " + (server < 0 ? "n/a" : server - before.server)
					+ ", task and history rows " + (taskRows - before.taskRows);
		}

	}

	public RowWrites rowWrites() {
		try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
			long server = -1;
			if (jdbc.startsWith("jdbc:mariadb:") || jdbc.startsWith("jdbc:mysql:")) {
				try (ResultSet r = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
						+ "('Handler_write','Handler_update','Handler_delete')")) {
					server = 0;
					while (r.next()) {
						server += r.getLong(2);
					}
				}
			}
			long taskRows;
			try (ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) + COALESCE(SUM(version), 0) FROM owd_task)"
					+ " + (SELECT COUNT(*) FROM owd_task_history)")) {
				r.next();
				taskRows = r.getLong(1);
			}
			return new RowWrites(server, taskRows);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the row counters: " + ex.getMessage(), ex);
		}
	}

	static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

}
