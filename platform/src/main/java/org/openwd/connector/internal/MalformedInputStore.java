package org.openwd.connector.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openwd.connector.api.MalformedInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps what connectors reported as malformed, for operators (table owd_connector_malformed). */
@Component
public class MalformedInputStore {

	/** One report as operators see it. */
	public record Report(String id, String connector, String sourceSystem, String location, String reason,
			String rawExcerpt, Instant reportedAt) {
	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	MalformedInputStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(String connector, MalformedInput input) {
		this.jdbc.update(
				"INSERT INTO owd_connector_malformed (id, connector, source_system, location, reason, raw_excerpt, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				UUID.randomUUID().toString(), connector, input.sourceSystem(), cut(input.location(), 500),
				cut(input.reason(), 1000), input.rawExcerpt(), Timestamp.from(this.clock.instant()));
	}

	public List<Report> latest(String connector, int max) {
		return this.jdbc.query(
				"SELECT id, connector, source_system, location, reason, raw_excerpt, reported_at FROM owd_connector_malformed WHERE connector = ? ORDER BY reported_at DESC, id LIMIT ?",
				(rs, row) -> new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getTimestamp(7).toInstant()),
				connector, max);
	}

	public long count(String connector) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM owd_connector_malformed WHERE connector = ?", Long.class,
				connector);
		return count == null ? 0 : count;
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

}
