package org.openwd.bench.backlog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one phase of the shift cost, whoever paid: CPU seconds of the platform JVM, of the bench JVM itself (its
 * simulated inboxes share the machine's cores with the platform) and of the database server (with its pid), and
 * MariaDB's server-wide statement counters. A {@link Snapshot} is taken at both ends of a phase; the difference is
 * divided by what the phase did (READY requests, offers).
 */
final class ShiftCost {

	static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_insert", "Com_update", "Com_delete",
			"Com_commit");

	private final long platformPid;

	private final long dbPid;

	private final String jdbc;

	private final String user;

	private final String password;

	/**
	 * @param platformPid the platform JVM (-1: unknown)
	 * @param dbPid the database server (-1: not measured)
	 * @param jdbc the platform's MariaDB (null: H2, no statement counters)
	 */
	ShiftCost(long platformPid, long dbPid, String jdbc, String user, String password) {
		this.platformPid = platformPid;
		this.dbPid = dbPid;
		this.jdbc = jdbc;
		this.user = user;
		this.password = password;
	}

	record Snapshot(long nanos, double platformCpu, double benchCpu, double dbCpu, Map<String, Long> counters) {
	}

	Snapshot snapshot() {
		return new Snapshot(System.nanoTime(), cpuSeconds(platformPid), benchCpuSeconds(), cpuSeconds(dbPid), counters());
	}

	/** Platform, bench and database CPU of a phase, and its statements, as rows per unit of work. */
	void report(org.openwd.bench.Results results, String workload, String phase, Snapshot from, Snapshot to,
			String unit, int units, String note) {
		double wall = (to.nanos() - from.nanos()) / 1e9;
		int n = Math.max(1, units);
		results.add(workload, phase + ": platform CPU per " + unit, (to.platformCpu() - from.platformCpu()) * 1000 / n, "ms",
				units + " " + unit + "s in " + round(wall) + " s; platform "
						+ round(to.platformCpu() - from.platformCpu()) + " s CPU (" + round((to.platformCpu() - from.platformCpu()) / wall)
						+ " cores); " + note + "; " + BacklogBench.load());
		results.add(workload, phase + ": bench CPU per " + unit, (to.benchCpu() - from.benchCpu()) * 1000 / n, "ms",
				"the simulated inboxes' own JVM: " + round(to.benchCpu() - from.benchCpu()) + " s CPU ("
						+ round((to.benchCpu() - from.benchCpu()) / wall) + " cores), not the platform's cost");
		if (dbPid > 0) {
			results.add(workload, phase + ": database CPU per " + unit, (to.dbCpu() - from.dbCpu()) * 1000 / n, "ms",
					round(to.dbCpu() - from.dbCpu()) + " s CPU of the database server");
		}
		if (!from.counters().isEmpty() && !to.counters().isEmpty()) {
			Map<String, Double> per = new LinkedHashMap<>();
			for (String name : COUNTERS) {
				long delta = to.counters().getOrDefault(name, 0L) - from.counters().getOrDefault(name, 0L);
				if (name.equals("Questions") || name.equals("Com_select")) {
					delta -= 1; // the bench's own SHOW GLOBAL STATUS at the end of the phase
				}
				per.put(name, Math.round(delta * 100.0 / n) / 100.0);
			}
			double statements = per.get("Com_select") + per.get("Com_insert") + per.get("Com_update") + per.get("Com_delete");
			Map<String, Double> others = new LinkedHashMap<>();
			to.counters().forEach((name, value) -> {
				double d = (value - from.counters().getOrDefault(name, 0L)) / (double) n;
				if (!COUNTERS.contains(name) && d >= 0.05) {
					others.put(name, Math.round(d * 100) / 100.0);
				}
			});
			results.add(workload, phase + ": SQL statements per " + unit, statements, "count",
					per + ", other round trips " + others + " (MariaDB, server-wide; the platform's pollers included)");
		}
	}

	private Map<String, Long> counters() {
		Map<String, Long> values = new LinkedHashMap<>();
		if (jdbc == null || !jdbc.startsWith("jdbc:mariadb")) {
			return values;
		}
		try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement();
				ResultSet r = s.executeQuery("SHOW GLOBAL STATUS")) {
			while (r.next()) {
				if (COUNTERS.contains(r.getString(1)) || r.getString(1).startsWith("Com_")) {
					values.put(r.getString(1), r.getLong(2));
				}
			}
		}
		catch (SQLException ex) {
			values.clear();
		}
		return values;
	}

	/** User + system CPU seconds of a process so far ({@code /proc/<pid>/stat}, clock ticks of 1/100 s); NaN if unknown. */
	static double cpuSeconds(long pid) {
		if (pid <= 0) {
			return Double.NaN;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	static double benchCpuSeconds() {
		return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? os.getProcessCpuTime() / 1e9 : Double.NaN;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
