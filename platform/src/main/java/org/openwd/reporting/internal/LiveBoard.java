package org.openwd.reporting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.openwd.reporting.Dimension;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live tiles. Open work is counted with one grouped, index-only query per dimension over the open states (the
 * {@code ix_owd_task_report_*} covering indexes); today's flow is read from the hourly counters. One computation serves
 * every request for {@code openwd.reporting.live-cache-ttl}, so the cost does not grow with the number of supervisors.
 */
@Component
public class LiveBoard {

	static final String OPEN_STATES = "'QUEUED','OFFERED','ASSIGNED','HELD','ERROR_HELD','SCHEDULED'";

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	private final ReportingProperties properties;

	private final Map<Dimension, Cached> cache = new ConcurrentHashMap<>();

	record Cached(Instant at, List<Tile> tiles) {
	}

	LiveBoard(NamedParameterJdbcTemplate jdbc, Clock clock, ReportingProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	public List<Tile> tiles(Dimension dimension) {
		Instant now = clock.instant();
		Cached cached = cache.get(dimension);
		if (cached != null && cached.at().plus(properties.liveCacheTtl()).isAfter(now) && !cached.at().isAfter(now)) {
			return cached.tiles();
		}
		List<Tile> tiles = compute(dimension, now);
		cache.put(dimension, new Cached(now, tiles));
		return tiles;
	}

	/** Forget cached tiles (called when this node saw a change). */
	void invalidate() {
		cache.clear();
	}

	Instant startOfDay(Instant now) {
		return LocalDate.ofInstant(now, properties.zone()).atStartOfDay(properties.zone()).toInstant();
	}

	private List<Tile> compute(Dimension dimension, Instant now) {
		// grouped in index order (state, key): the covering index is read in order, without a temporary table
		String key = dimension.column() == null ? "''" : dimension.column();
		MapSqlParameterSource params = new MapSqlParameterSource("now", Db.utc(now));
		Map<String, long[]> open = new TreeMap<>();
		Map<String, Instant> oldest = new TreeMap<>();
		jdbc.query("SELECT " + key + " AS k, state, COUNT(*) AS n, MIN(waiting_since) AS oldest, "
				+ "SUM(CASE WHEN due_time < :now THEN 1 ELSE 0 END) AS overdue, "
				+ "SUM(CASE WHEN due_time >= :now AND sla_warning_at <= :now THEN 1 ELSE 0 END) AS at_risk "
				+ "FROM owd_task WHERE state IN (" + OPEN_STATES + ") GROUP BY state" + (dimension.column() == null ? "" : ", " + key),
				params, rs -> {
					String k = rs.getString("k") == null ? "" : rs.getString("k");
					long[] c = open.computeIfAbsent(k, x -> new long[7]);
					long n = rs.getLong("n");
					switch (rs.getString("state")) {
						case "QUEUED" -> {
							c[0] += n;
							Instant since = Db.instant(rs, "oldest");
							if (since != null) {
								oldest.merge(k, since, (a, b) -> a.isBefore(b) ? a : b);
							}
						}
						case "OFFERED" -> c[1] += n;
						case "ASSIGNED" -> c[2] += n;
						case "SCHEDULED" -> c[4] += n;
						default -> c[3] += n;
					}
					c[5] += rs.getLong("at_risk");
					c[6] += rs.getLong("overdue");
				});
		Map<String, long[]> flow = new TreeMap<>();
		jdbc.query("SELECT dim_key, SUM(arrived) AS a, SUM(completed) AS c, SUM(completed_in_sla) AS s FROM owd_report_flow "
				+ "WHERE dim_kind = :kind AND bucket_start >= :day GROUP BY dim_key",
				new MapSqlParameterSource("kind", dimension.key()).addValue("day", Db.utc(startOfDay(now))),
				rs -> {
					flow.put(rs.getString("dim_key"), new long[] { rs.getLong("a"), rs.getLong("c"), rs.getLong("s") });
				});
		java.util.Set<String> keys = new java.util.TreeSet<>(open.keySet());
		keys.addAll(flow.keySet());
		if (dimension == Dimension.ALL) {
			keys.add("");
		}
		List<Tile> tiles = new ArrayList<>();
		for (String k : keys) {
			long[] c = open.getOrDefault(k, new long[7]);
			long[] f = flow.getOrDefault(k, new long[3]);
			tiles.add(new Tile(k, c[0], c[1], c[2], c[3], c[4], oldest.get(k), c[5], c[6], f[0], f[1], f[2],
					Tile.serviceLevel(f[1], f[2])));
		}
		tiles.sort(Comparator.comparing(Tile::key));
		return List.copyOf(tiles);
	}

}
