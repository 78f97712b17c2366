package org.openwd.reporting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openwd.reporting.Dimension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Today as charts: hourly flow and service level (from the flow counters), and the backlog sampled every
 * {@code openwd.reporting.sample-interval} (one row per key and sample, written by whichever node samples first).
 */
@Component
public class DaySeries {

	/** One hour of today: arrivals, completions, and the service level of the day so far at the end of the hour. */
	public record FlowPoint(Instant hour, long arrived, long completed, long completedInSla, Double serviceLevelSoFar) {
	}

	/** One backlog sample. */
	public record BacklogPoint(Instant at, long waiting, long inProgress) {
	}

	public record TodaySeries(String dimension, String key, Instant from, List<FlowPoint> flow, List<BacklogPoint> backlog) {
	}

	private final NamedParameterJdbcTemplate jdbc;

	private final LiveBoard board;

	private final Clock clock;

	private final ReportingProperties properties;

	DaySeries(NamedParameterJdbcTemplate jdbc, LiveBoard board, Clock clock, ReportingProperties properties) {
		this.jdbc = jdbc;
		this.board = board;
		this.clock = clock;
		this.properties = properties;
	}

	public TodaySeries today(Dimension dimension, String key) {
		Instant now = clock.instant();
		Instant from = board.startOfDay(now);
		MapSqlParameterSource p = new MapSqlParameterSource("kind", dimension.key()).addValue("key", key)
			.addValue("from", Db.utc(from));
		List<FlowPoint> flow = new ArrayList<>();
		long[] sum = new long[2];
		jdbc.query("SELECT bucket_start, arrived, completed, completed_in_sla FROM owd_report_flow "
				+ "WHERE dim_kind = :kind AND dim_key = :key AND bucket_start >= :from ORDER BY bucket_start", p, rs -> {
					long completed = rs.getLong("completed");
					long inSla = rs.getLong("completed_in_sla");
					sum[0] += completed;
					sum[1] += inSla;
					flow.add(new FlowPoint(Db.instant(rs, "bucket_start"), rs.getLong("arrived"), completed, inSla,
							Tile.serviceLevel(sum[0], sum[1])));
				});
		List<BacklogPoint> backlog = new ArrayList<>();
		jdbc.query("SELECT bucket_start, waiting, in_progress FROM owd_report_backlog "
				+ "WHERE dim_kind = :kind AND dim_key = :key AND bucket_start >= :from ORDER BY bucket_start", p,
				rs -> {
					backlog.add(new BacklogPoint(Db.instant(rs, "bucket_start"), rs.getLong("waiting"), rs.getLong("in_progress")));
				});
		board.tiles(dimension).stream().filter(t -> t.key().equals(key)).findFirst()
			.ifPresent(t -> backlog.add(new BacklogPoint(now, t.waiting(), t.offered() + t.inProgress())));
		return new TodaySeries(dimension.key(), key, from, flow, backlog);
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${openwd.reporting.sample-interval:PT15M}")
	void sample() {
		Instant now = clock.instant();
		long step = properties.sampleInterval().toMillis();
		Instant bucket = Instant.ofEpochMilli(now.toEpochMilli() / step * step);
		for (Dimension dimension : Dimension.values()) {
			for (Tile tile : board.tiles(dimension)) {
				try {
					jdbc.update("INSERT INTO owd_report_backlog (bucket_start, dim_kind, dim_key, waiting, in_progress) "
							+ "VALUES (:bucket, :kind, :key, :w, :p)",
							new MapSqlParameterSource("bucket", Db.utc(bucket)).addValue("kind", dimension.key())
								.addValue("key", tile.key())
								.addValue("w", tile.waiting())
								.addValue("p", tile.offered() + tile.inProgress()));
				}
				catch (DuplicateKeyException ex) {
					// already sampled (by another node)
				}
			}
		}
		jdbc.update("DELETE FROM owd_report_counted WHERE at < :before",
				new MapSqlParameterSource("before", Db.utc(now.minus(Duration.ofDays(2)))));
	}

}
