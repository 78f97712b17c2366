package org.openwd.reporting.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** A task's history as the inbox's timeline shows it (primary-key range read of the append-only history). */
@Component
public class TaskTimeline {

	public record TimelineEntry(int seq, Instant at, String actor, String action, String from, String to, String reason) {
	}

	private final NamedParameterJdbcTemplate jdbc;

	TaskTimeline(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<TimelineEntry> of(String taskId) {
		return jdbc.query("SELECT seq, at, actor, action, from_state, to_state, reason FROM owd_task_history "
				+ "WHERE task_id = :id ORDER BY seq", new MapSqlParameterSource("id", taskId),
				(rs, n) -> new TimelineEntry(rs.getInt("seq"), Db.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
						rs.getString("from_state"), rs.getString("to_state"), rs.getString("reason")));
	}

}
