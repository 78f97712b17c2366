package org.openwd.connector.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openwd.connector.api.StateNotice;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Write-back deliveries (table owd_connector_delivery): PENDING until DELIVERED, or FAILED after the last attempt. */
@Component
public class DeliveryStore {

	/** A delivery as operators see it. */
	public record Delivery(String id, String connector, String taskId, String sourceSystem, String externalId,
			String event, String taskState, String outcome, String employee, String reason, int seq, Instant occurredAt,
			String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {

		StateNotice notice() {
			return new StateNotice(this.id, this.sourceSystem, this.externalId, this.taskId, this.event, this.taskState,
					this.outcome, this.employee, this.reason, this.occurredAt, this.seq);
		}

	}

	private static final String COLUMNS = "id, connector, task_id, source_system, external_id, event, task_state, outcome, employee, reason, seq, occurred_at, status, attempts, next_attempt_at, last_error, created_at, delivered_at";

	private static final RowMapper<Delivery> ROW = DeliveryStore::row;

	private final JdbcTemplate jdbc;

	DeliveryStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a delivery once per (connector, task, seq, event); returns false for a repeat. */
	boolean add(String connector, StateNotice notice, Instant now) {
		Integer known = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM owd_connector_delivery WHERE connector = ? AND task_id = ? AND seq = ? AND event = ?",
				Integer.class, connector, notice.taskId(), notice.seq(), notice.event());
		if (known != null && known > 0) {
			return false;
		}
		try {
			this.jdbc.update("INSERT INTO owd_connector_delivery (" + COLUMNS
					+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, NULL, ?, NULL)", UUID.randomUUID().toString(),
					connector, notice.taskId(), notice.sourceSystem(), notice.externalId(), notice.event(), notice.state(),
					notice.outcome(), notice.employee(), cut(notice.reason(), 500), notice.seq(), ts(notice.at()), ts(now),
					ts(now));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Due deliveries, at most one per task and connector: the lowest pending seq, so a task's changes reach the source
	 * in order.
	 */
	List<Delivery> due(Instant now, int max) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM owd_connector_delivery d WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
				+ " AND NOT EXISTS (SELECT 1 FROM owd_connector_delivery e WHERE e.connector = d.connector AND e.task_id = d.task_id"
				+ " AND e.status = 'PENDING' AND e.seq < d.seq) ORDER BY d.next_attempt_at, d.id LIMIT ?", ROW, ts(now), max);
	}

	/** Reserves a due delivery for this node until {@code until}; false when another node got it first. */
	boolean claim(Delivery delivery, Instant until) {
		return this.jdbc.update(
				"UPDATE owd_connector_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at = ?",
				ts(until), delivery.id(), ts(delivery.nextAttemptAt())) == 1;
	}

	void delivered(String id, Instant now) {
		this.jdbc.update(
				"UPDATE owd_connector_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?",
				ts(now), id);
	}

	void failedAttempt(String id, String error, Instant nextAttempt, boolean giveUp) {
		this.jdbc.update(
				"UPDATE owd_connector_delivery SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
				giveUp ? "FAILED" : "PENDING", cut(error, 1000), ts(nextAttempt), id);
	}

	/** Puts a failed delivery back in the queue with fresh attempts; false when it is not failed. */
	public boolean retry(String id, Instant now) {
		return this.jdbc.update(
				"UPDATE owd_connector_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'FAILED'",
				ts(now), id) == 1;
	}

	public Optional<Delivery> find(String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM owd_connector_delivery WHERE id = ?", ROW, id).stream().findFirst();
	}

	public List<Delivery> search(String status, String connector, String taskId, int max) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM owd_connector_delivery WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (status != null) {
			sql.append(" AND status = ?");
			args.add(status);
		}
		if (connector != null) {
			sql.append(" AND connector = ?");
			args.add(connector);
		}
		if (taskId != null) {
			sql.append(" AND task_id = ?");
			args.add(taskId);
		}
		sql.append(" ORDER BY created_at DESC, id LIMIT ?");
		args.add(max);
		return this.jdbc.query(sql.toString(), ROW, args.toArray());
	}

	private static Delivery row(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getString("id"), rs.getString("connector"), rs.getString("task_id"),
				rs.getString("source_system"), rs.getString("external_id"), rs.getString("event"), rs.getString("task_state"),
				rs.getString("outcome"), rs.getString("employee"), rs.getString("reason"), rs.getInt("seq"),
				instant(rs, "occurred_at"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "delivered_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static String cut(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

}
