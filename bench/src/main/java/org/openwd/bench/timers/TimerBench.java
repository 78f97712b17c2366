package org.openwd.bench.timers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import org.openwd.bench.Bench;
import org.openwd.bench.Results;
import org.openwd.bench.load.Http;
import org.openwd.bench.load.LoadGenerator;
import org.openwd.bench.load.PlatformProcess;

/**
 * W6, escalation timers: a large backlog of waiting escalation timers, a steady stream of them becoming due and a
 * burst due at one instant, fired by the platform's own Camunda job executor.
 * <ol>
 * <li>Start the platform, set up a routing profile with an SLA warning, capture one seed task and wait until its
 * escalation instance waits at {@code Timer_SlaWarning}.</li>
 * <li>Stop the platform and clone the seed with set-based SQL ({@link InstanceCloner}) to {@code --timers} waiting
 * instances: a steady stream ({@code --rate} per second for {@code --steadySeconds}), a burst ({@code --burst} at
 * {@code --burstAt} seconds into the stream) and the rest weeks in the future. Stream and burst are parked at a
 * placeholder date and get their real due dates only once the platform runs again; their tasks are cloned too.</li>
 * <li>Start the platform again (its restart with the backlog is measured), move the stream and burst to
 * {@code T0 + offset}, and watch every second: due but not fired timers (the backlog), locked jobs, timers fired,
 * the platform's CPU.</li>
 * <li>Check that every due timer fired exactly once and did what the model says (the SLA-warning step: priority
 * +50 and a supervisor notice on the task, the instance now waits at {@code Timer_SlaBreach}), that no far timer
 * fired and no job failed; report throughput, lateness (fire time minus due time, HdrHistogram) and acquisition.</li>
 * </ol>
 * Fire time = the time of the task's {@code PRIORITIZE} history entry, written by the model's first action inside
 * the timer's job (microseconds). Due time = the job's {@code DUEDATE_}, which Camunda's MySQL schema stores in whole
 * seconds, so the stream is 100 timers due at each whole second.
 */
public final class TimerBench {

	/** Placeholder due date of the stream and the burst until the measured platform runs. */
	static final Timestamp PARKED = Timestamp.valueOf("2099-01-01 00:00:00");

	private final Map<String, String> options;

	private final List<String> platformArgs;

	private TimerBench(Map<String, String> options, List<String> platformArgs) {
		this.options = options;
		this.platformArgs = platformArgs;
	}

	/** The smoke sizes (seconds of work on the embedded default), used by the test suite. */
	public static Map<String, String> smokeSizes() {
		return Map.of("timers", "3000", "rate", "20", "steadySeconds", "6", "burst", "200", "burstAt", "2", "lead", "3",
				"timeout", "240");
	}

	public static boolean run(Bench.Options o, Path out) throws Exception {
		Map<String, String> merged = new HashMap<>(o.values());
		if ("true".equals(merged.get("smoke"))) {
			Map<String, String> withSmoke = new HashMap<>(smokeSizes());
			withSmoke.putAll(merged);
			merged = withSmoke;
		}
		return new TimerBench(merged, o.extra()).run(out);
	}

	private String get(String key, String fallback) {
		return options.getOrDefault(key, fallback);
	}

	private int integer(String key, int fallback) {
		return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
	}

	boolean run(Path out) throws Exception {
		int timers = integer("timers", 1_000_000);
		int rate = integer("rate", 100);
		int steadySeconds = integer("steadySeconds", 90);
		int burst = integer("burst", 10_000);
		int burstAt = integer("burstAt", 30);
		int lead = integer("lead", 10);
		int timeout = integer("timeout", 900);
		int chunk = integer("chunk", 50_000);
		boolean bulkHistory = Boolean.parseBoolean(get("bulkHistory", "true"));
		int steady = rate * steadySeconds;
		int due = steady + burst;
		long bulk = (long) timers - 1 - due;
		if (bulk < 0 || burstAt >= steadySeconds) {
			throw new IllegalArgumentException("need timers > rate * steadySeconds + burst and burstAt < steadySeconds");
		}
		Path data = Files.createTempDirectory("openwd-bench-timers-");
		String jdbc = get("jdbc", null);
		String user = get("user", "sa");
		String password = get("password", "");
		List<String> args = new ArrayList<>(platformArgs);
		if (jdbc == null) {
			// embedded default (H2 file), opened by the platform as a server so the bench can watch it (H2 refuses
			// AUTO_SERVER together with the platform default DB_CLOSE_ON_EXIT=FALSE)
			jdbc = "jdbc:h2:file:" + data.toAbsolutePath() + "/db/openwd;LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE";
		}
		args.add("--spring.datasource.url=" + jdbc);
		args.add("--spring.datasource.username=" + user);
		args.add("--spring.datasource.password=" + password);
		args.add("--logging.level.org.camunda.bpm.engine.jobexecutor=DEBUG");
		Dialect dialect = Dialect.of(jdbc);
		if (Boolean.parseBoolean(get("resetDatabase", "false")) && dialect == Dialect.MARIADB) {
			resetDatabase(jdbc, user, password);
		}
		Path jar = Path.of(get("jar", defaultJar()));
		String heap = get("heap", "2g");

		Results results = new Results("timers").config("options", options)
			.config("jdbc", jdbc.replaceAll("password=[^&;]*", "password=***"))
			.config("platform", jar.getFileName() + " " + platformArgs)
			.config("plan", Map.of("waiting timers", timers, "stream", rate + "/s for " + steadySeconds + " s (" + steady + ")",
					"burst", burst + " at +" + burstAt + " s", "far", bulk, "bulk history", bulkHistory));
		String w = "W6 timers";
		String ws = "W6 setup";

		// 1. a real escalation instance, started by the platform
		long t = System.nanoTime();
		String taskId;
		String processInstanceId;
		try (PlatformProcess first = PlatformProcess.start(jar, data, 0, heap, args)) {
			LoadGenerator work = new LoadGenerator(first.url);
			String type = work.setUpWork("timers", "PT30S");
			Http http = new Http(first.url);
			Map<String, Object> task = new LinkedHashMap<>();
			task.put("sourceSystem", "bench-timers");
			task.put("externalId", "seed-" + type);
			task.put("type", type);
			task.put("title", "Escalation timer seed");
			task.put("customerId", "C-1");
			task.put("businessValue", 10);
			taskId = http.post("connector", "/api/v1/tasks", task).expect(201).body().path("id").asText();
			processInstanceId = awaitWaitingInstance(jdbc, user, password, taskId, Duration.ofSeconds(120));
		}
		results.add(ws, "seed: platform start + escalation instance waiting", (System.nanoTime() - t) / 1e9, "s",
				"task " + taskId + ", instance " + processInstanceId);

		// 2. clone it with set-based SQL while the platform is down
		Instant far = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		long rows = 0;
		t = System.nanoTime();
		try (Connection c = DriverManager.getConnection(jdbc, user, password)) {
			c.setAutoCommit(true);
			if (dialect == Dialect.MARIADB) {
				// bulk load: the clones are consistent by construction (parents first, ids unique), so skip the per-row checks
				try (java.sql.Statement st = c.createStatement()) {
					st.execute("set session foreign_key_checks = 0, unique_checks = 0");
				}
			}
			InstanceCloner cloner = new InstanceCloner(c, dialect, processInstanceId, taskId);
			results.config("seed rows", cloner.seedRows());
			String p = dialect.timestampParameter();
			String steadyDue = "timestampadd(SECOND, floor((k.n - 1) / " + rate + "), " + p + ")";
			rows += chunked(cloner, 1, steady, chunk, steadyDue, List.of(PARKED), true, true);
			rows += chunked(cloner, steady + 1, due, chunk, "timestampadd(SECOND, " + burstAt + ", " + p + ")", List.of(PARKED), true, true);
			if (bulk > 0) {
				rows += chunked(cloner, due + 1, due + bulk, chunk, "timestampadd(SECOND, floor(k.n / 10), " + p + ")",
						List.of(Timestamp.from(far)), bulkHistory, false);
			}
			cloner.dropStages();
			results.add(ws, "waiting timer jobs after cloning", count(c, "select count(*) from ACT_RU_JOB"), "count",
					"target " + timers);
		}
		double cloneSeconds = (System.nanoTime() - t) / 1e9;
		results.add(ws, "clone " + (timers - 1) + " instances (set-based SQL)", cloneSeconds, "s",
				rows + " rows, " + Math.round(rows / cloneSeconds) + " rows/s");

		// 3. the measured platform
		t = System.nanoTime();
		try (PlatformProcess platform = PlatformProcess.start(jar, data, 0, heap, args);
				Connection c = DriverManager.getConnection(jdbc, user, password)) {
			results.add(ws, "platform restart with the backlog (until healthy)", (System.nanoTime() - t) / 1e9, "s",
					timers + " waiting timers, " + due + " open tasks");
			c.setAutoCommit(true);
			Instant t0 = Instant.now().plusSeconds(lead).truncatedTo(ChronoUnit.SECONDS);
			try (PreparedStatement ps = c.prepareStatement("update ACT_RU_JOB set DUEDATE_ = "
					+ "timestampadd(SECOND, timestampdiff(SECOND, " + dialect.timestampParameter() + ", DUEDATE_), "
					+ dialect.timestampParameter() + ") where DUEDATE_ >= ?")) {
				ps.setTimestamp(1, PARKED);
				ps.setTimestamp(2, Timestamp.from(t0));
				ps.setTimestamp(3, PARKED);
				int moved = ps.executeUpdate();
				if (moved != due) {
					throw new IllegalStateException("moved " + moved + " parked timers, expected " + due);
				}
			}
			String firstTask = InstanceCloner.cloneId(taskId, 1);
			String lastTask = InstanceCloner.cloneId(taskId, due);
			Instant lastDue = t0.plusSeconds(steadySeconds - 1);
			List<long[]> samples = new ArrayList<>();
			long cpu0 = cpuTicks(platform.pid());
			long db0 = cpuTicks(dbPid());
			Map<String, Long> status0 = statementCounters(c, dialect);
			double load0 = loadAverage();
			Instant deadline = t0.plusSeconds(timeout);
			int fired = 0;
			while (Instant.now().isBefore(deadline)) {
				TimeUnit.MILLISECONDS.sleep(1000 - System.currentTimeMillis() % 1000);
				Instant now = Instant.now();
				long backlog = count(c, "select count(*) from ACT_RU_JOB where DUEDATE_ <= ?", Timestamp.from(now));
				long locked = count(c, "select count(*) from ACT_RU_JOB where DUEDATE_ <= ? and LOCK_OWNER_ is not null",
						Timestamp.from(now));
				fired = (int) count(c, "select count(*) from owd_task_history where action = 'PRIORITIZE' and task_id between ? and ?",
						firstTask, lastTask);
				samples.add(new long[] { Duration.between(t0, now).toMillis(), backlog, locked, fired, cpuTicks(platform.pid()) });
				if (fired >= due && now.isAfter(lastDue)) {
					break;
				}
			}
			double wall = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
			long cpu = cpuTicks(platform.pid()) - cpu0;
			long db = cpuTicks(dbPid()) - db0;
			Map<String, Long> status1 = statementCounters(c, dialect);
			int samplesTaken = samples.size();
			results.config("load average at start / end", load0 + " / " + loadAverage());
			results.config("samples [ms since T0, due not fired, locked, fired, platform cpu ticks]", samples);

			boolean correct = analyse(c, results, w, t0, taskId, processInstanceId, rate, steady, burst, burstAt, due, bulk,
					timers, samples);
			results.add(w, "platform CPU during the run", cpu / 100.0 / wall, "cores", round(cpu / 100.0) + " s CPU in "
					+ round(wall) + " s (2 cores = 2.0)");
			if (dbPid() > 0) {
				results.add(w, "database CPU during the run", db / 100.0 / wall, "cores", round(db / 100.0) + " s CPU");
			}
			if (!status0.isEmpty()) {
				statementsPerTimer(results, w, status0, status1, due, samplesTaken);
			}
			acquisitionFromLog(platform.tail(Integer.MAX_VALUE), results, w);
			acquisitionQuery(c, results, w, far);
			results.print(System.out);
			System.out.println("results: " + results.write(out));
			System.out.println(correct ? "CORRECT" : "INCORRECT");
			return correct;
		}
	}

	/** Drops and creates the MariaDB database of the URL, so that every run starts from an empty schema. */
	private static void resetDatabase(String jdbc, String user, String password) throws SQLException {
		Matcher m = Pattern.compile("(jdbc:[a-z]+://[^/]+/)([A-Za-z0-9_]+)(.*)").matcher(jdbc);
		if (!m.matches()) {
			throw new IllegalArgumentException("cannot find the database name in " + jdbc);
		}
		try (Connection c = DriverManager.getConnection(m.group(1) + m.group(3), user, password);
				java.sql.Statement st = c.createStatement()) {
			st.execute("drop database if exists " + m.group(2));
			st.execute("create database " + m.group(2) + " character set utf8mb4 collate utf8mb4_bin");
		}
	}

	private long chunked(InstanceCloner cloner, long from, long to, int chunk, String dueExpression, List<Timestamp> params,
			boolean history, boolean tasks) throws SQLException {
		long rows = 0;
		for (long a = from; a <= to; a += chunk) {
			long b = Math.min(to, a + chunk - 1);
			rows += cloner.cloneRange(a, b, dueExpression, params, history, tasks);
			if (to - from > chunk) {
				System.out.printf("cloned %d..%d%n", a, b);
			}
		}
		return rows;
	}

	/** Checks correctness and adds the throughput, lateness and backlog rows. */
	private boolean analyse(Connection c, Results results, String w, Instant t0, String taskId, String processInstanceId,
			int rate, int steady, int burst, int burstAt, int due, long bulk, int timers, List<long[]> samples)
			throws SQLException {
		String firstTask = InstanceCloner.cloneId(taskId, 1);
		String lastTask = InstanceCloner.cloneId(taskId, due);
		// lateness can exceed the harness's usual 60 s ceiling when the executor falls behind
		Histogram all = new Histogram(TimeUnit.HOURS.toNanos(2), 3);
		Histogram steadyBeforeBurst = new Histogram(TimeUnit.HOURS.toNanos(2), 3);
		Histogram burstLateness = new Histogram(TimeUnit.HOURS.toNanos(2), 3);
		List<Long> fireMillis = new ArrayList<>();
		Map<Long, Integer> firesPerTask = new HashMap<>();
		long early = 0;
		try (PreparedStatement ps = c.prepareStatement("select task_id, at from owd_task_history where action = 'PRIORITIZE' "
				+ "and task_id between ? and ?")) {
			ps.setString(1, firstTask);
			ps.setString(2, lastTask);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					String id = rs.getString(1);
					long n = Long.parseLong(id.substring(id.length() - 12));
					Instant fire = rs.getTimestamp(2).toInstant();
					Instant dueAt = t0.plusSeconds(n <= steady ? (n - 1) / rate : burstAt);
					long late = Duration.between(dueAt, fire).toNanos();
					if (late < 0) {
						early++;
						late = 0;
					}
					all.recordValue(Math.min(late, all.getHighestTrackableValue()));
					if (n > steady) {
						burstLateness.recordValue(Math.min(late, all.getHighestTrackableValue()));
					}
					else if ((n - 1) / rate < burstAt) {
						steadyBeforeBurst.recordValue(Math.min(late, all.getHighestTrackableValue()));
					}
					fireMillis.add(Duration.between(t0, fire).toMillis());
					firesPerTask.merge(n, 1, Integer::sum);
				}
			}
		}
		fireMillis.sort(null);
		long firedOnce = firesPerTask.values().stream().filter(v -> v == 1).count();
		long firedTwice = firesPerTask.values().stream().filter(v -> v > 1).count();
		long escalations = count(c, "select count(*) from owd_task_history where action = 'ESCALATE' and task_id between ? and ?",
				firstTask, lastTask);
		long boosted = count(c, "select count(*) from owd_task where priority_boost = 50 and id between ? and ?", firstTask,
				lastTask);
		String firstInstance = InstanceCloner.cloneId(processInstanceId, 1);
		String lastInstance = InstanceCloner.cloneId(processInstanceId, due);
		long breachJobs = count(c, "select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ between ? and ? "
				+ "and HANDLER_CFG_ like 'Timer_SlaBreach%'", firstInstance, lastInstance);
		long breachInstances = count(c, "select count(distinct PROCESS_INSTANCE_ID_) from ACT_RU_JOB where "
				+ "PROCESS_INSTANCE_ID_ between ? and ? and HANDLER_CFG_ like 'Timer_SlaBreach%'", firstInstance, lastInstance);
		long warningsLeft = count(c, "select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ between ? and ? "
				+ "and HANDLER_CFG_ like 'Timer_SlaWarning%'", firstInstance, lastInstance);
		long farWaiting = bulk == 0 ? 0 : count(c, "select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ between ? and ? "
				+ "and HANDLER_CFG_ like 'Timer_SlaWarning%'", InstanceCloner.cloneId(processInstanceId, due + 1),
				InstanceCloner.cloneId(processInstanceId, due + bulk));
		long incidents = count(c, "select count(*) from ACT_RU_INCIDENT");
		long failing = count(c, "select count(*) from ACT_RU_JOB where EXCEPTION_MSG_ is not null or RETRIES_ < 3");
		long jobs = count(c, "select count(*) from ACT_RU_JOB");
		boolean correct = firesPerTask.size() == due && firedTwice == 0 && escalations == due && boosted == due
				&& breachJobs == due && breachInstances == due && warningsLeft == 0 && farWaiting == bulk && incidents == 0
				&& failing == 0;
		results.add(w, "correctness: due timers fired exactly once", firedOnce, "count", "of " + due + "; fired twice "
				+ firedTwice + "; supervisor notices " + escalations + ", priority +50 on " + boosted + " tasks; now waiting at "
				+ "Timer_SlaBreach " + breachInstances + " instances (" + breachJobs + " jobs), still at Timer_SlaWarning "
				+ warningsLeft + "; far timers untouched " + farWaiting + " of " + bulk + "; incidents " + incidents
				+ ", failing jobs " + failing + "; timer jobs now " + jobs + " (was " + timers + ")"
				+ (correct ? "" : " INCORRECT"));
		if (!fireMillis.isEmpty()) {
			double span = Math.max(1, fireMillis.get(fireMillis.size() - 1)) / 1000.0;
			results.add(w, "timers fired per second, whole run", fireMillis.size() / span, "1/s",
					fireMillis.size() + " fired, T0 -> last fire " + round(span) + " s; target >= 300");
			long beforeBurst = fireMillis.stream().filter(m -> m < burstAt * 1000L).count();
			results.add(w, "fired per second before the burst (stream only)", beforeBurst / (double) burstAt, "1/s",
					"stream " + rate + "/s");
			// the burst: from its due instant until the last timer that was due by then has fired
			long burstStart = burstAt * 1000L;
			long inWindow = fireMillis.stream().filter(m -> m >= burstStart).count();
			long lastBurstFire = maxFire(c, taskId, steady + 1, due, t0);
			double window = Math.max(1, lastBurstFire - burstStart) / 1000.0;
			long firedInBurstWindow = fireMillis.stream().filter(m -> m >= burstStart && m <= lastBurstFire).count();
			results.add(w, "fired per second while draining the burst", firedInBurstWindow / window, "1/s", burst
					+ " burst timers drained in " + round(window) + " s, stream going on; " + inWindow + " fired after +"
					+ burstAt + " s");
			int peak = 0;
			int j = 0;
			for (int i = 0; i < fireMillis.size(); i++) {
				while (fireMillis.get(i) - fireMillis.get(j) >= 1000) {
					j++;
				}
				peak = Math.max(peak, i - j + 1);
			}
			results.add(w, "peak timers fired in any 1 s", peak, "1/s", "sliding window");
		}
		results.latency(w, "lateness, stream before the burst", steadyBeforeBurst, TimeUnit.MILLISECONDS);
		results.latency(w, "lateness, burst timers", burstLateness, TimeUnit.MILLISECONDS);
		results.latency(w, "lateness, all due timers", all, TimeUnit.MILLISECONDS);
		if (early > 0) {
			results.add(w, "fired before their due second", early, "count", "clock skew or rounding; counted as 0");
		}
		long maxBacklogBefore = 0;
		long backlogAtBurst = 0;
		long maxBacklog = 0;
		long maxLocked = 0;
		long drainedAt = -1;
		for (long[] s : samples) {
			if (s[0] > 2000 && s[0] < burstAt * 1000L) {
				maxBacklogBefore = Math.max(maxBacklogBefore, s[1]);
				backlogAtBurst = s[1];
			}
			maxBacklog = Math.max(maxBacklog, s[1]);
			maxLocked = Math.max(maxLocked, s[2]);
			if (s[0] > burstAt * 1000L && drainedAt < 0 && s[1] <= rate) {
				drainedAt = s[0];
			}
		}
		results.add(w, "backlog (due, not fired) under the stream, max", maxBacklogBefore, "count", "sampled each second from +2 s "
				+ "to the burst; last sample " + backlogAtBurst + "; " + rate + " become due each second");
		results.add(w, "backlog after the burst, max", maxBacklog, "count", drainedAt < 0 ? "did not drain back to <= " + rate
				+ " while the stream ran" : "back to <= " + rate + " at +" + round(drainedAt / 1000.0) + " s");
		results.add(w, "locked (acquired, not finished) jobs, max", maxLocked, "count", "sampled each second");
		return correct;
	}

	private long maxFire(Connection c, String taskId, long from, long to, Instant t0) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("select max(at) from owd_task_history where action = 'PRIORITIZE' "
				+ "and task_id between ? and ?")) {
			ps.setString(1, InstanceCloner.cloneId(taskId, from));
			ps.setString(2, InstanceCloner.cloneId(taskId, to));
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				Timestamp ts = rs.getTimestamp(1);
				return ts == null ? 0 : Duration.between(t0, ts.toInstant()).toMillis();
			}
		}
	}

	private static final List<String> COUNTERS = List.of("Com_select", "Com_insert", "Com_update", "Com_delete", "Com_commit",
			"Questions", "Handler_write", "Handler_update", "Handler_delete");

	/** MariaDB's server-wide statement and row counters (empty on H2): every client, the bench's own sampling too. */
	private static Map<String, Long> statementCounters(Connection c, Dialect dialect) throws SQLException {
		Map<String, Long> values = new LinkedHashMap<>();
		if (dialect != Dialect.MARIADB) {
			return values;
		}
		try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show global status")) {
			while (rs.next()) {
				if (COUNTERS.contains(rs.getString(1))) {
					values.put(rs.getString(1), rs.getLong(2));
				}
			}
		}
		return values;
	}

	/** Statements and row operations per fired timer, less the bench's own 3 counting queries per sample. */
	private static void statementsPerTimer(Results results, String w, Map<String, Long> before, Map<String, Long> after,
			int fired, int samples) {
		Map<String, Double> per = new LinkedHashMap<>();
		for (String name : COUNTERS) {
			long delta = after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
			if (name.equals("Com_select") || name.equals("Questions")) {
				delta -= 3L * samples; // the bench's backlog, locked and fired counts each second
			}
			per.put(name, Math.round(delta * 100.0 / Math.max(1, fired)) / 100.0);
		}
		double statements = per.get("Com_select") + per.get("Com_insert") + per.get("Com_update") + per.get("Com_delete");
		results.add(w, "SQL statements per fired timer (MariaDB, server-wide)", statements, "count", per.toString()
				+ "; acquisition, after-commit work and the platform's pollers included");
	}

	private static final Pattern ACQUIRED = Pattern.compile("Acquired (\\d+) jobs");

	private static final Pattern SLEEPING = Pattern.compile("sleeping for (\\d+) millis");

	private static final Pattern LOCK_FAILURES = Pattern.compile("failed to Lock during Acquisition.*: (\\d+)");

	/** Camunda's job executor at DEBUG: acquisitions, jobs per acquisition, idle waits, lock failures. */
	private static void acquisitionFromLog(String log, Results results, String w) {
		long acquisitions = 0;
		long acquired = 0;
		long empty = 0;
		long sleeps = 0;
		long slept = 0;
		long lockFailures = 0;
		long rejected = 0;
		long saturated = 0;
		for (String line : log.split("\n")) {
			Matcher m = ACQUIRED.matcher(line);
			if (m.find()) {
				acquisitions++;
				long n = Long.parseLong(m.group(1));
				acquired += n;
				if (n == 0) {
					empty++;
				}
				continue;
			}
			m = SLEEPING.matcher(line);
			if (m.find()) {
				sleeps++;
				long ms = Long.parseLong(m.group(1));
				slept += ms;
				if (ms <= 100) {
					saturated++;
				}
				continue;
			}
			m = LOCK_FAILURES.matcher(line);
			if (m.find()) {
				lockFailures += Long.parseLong(m.group(1));
				continue;
			}
			if (line.contains("rejected") && line.contains("ob")) {
				rejected++;
			}
		}
		results.add(w, "job acquisitions (platform log)", acquisitions, "count", acquired + " jobs acquired, "
				+ (acquisitions == 0 ? 0 : round(acquired / (double) acquisitions)) + " per acquisition, " + empty + " empty");
		results.add(w, "acquisition thread waits", sleeps, "count", slept + " ms in total; " + saturated + " of them <= 100 ms "
				+ "(Camunda's wait while the executor queue is full); jobs that failed to lock " + lockFailures
				+ ", rejection lines " + rejected);
	}

	/** Camunda's acquisition query (MySQL form, 8 jobs) on the final tables: nothing due, and a day of the far timers due. */
	private static void acquisitionQuery(Connection c, Results results, String w, Instant far) throws SQLException {
		String sql = "select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES "
				+ "where (RES.RETRIES_ > 0) and (RES.DUEDATE_ is null or RES.DUEDATE_ <= ?) "
				+ "and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?) and RES.SUSPENSION_STATE_ = 1 "
				+ "and ((RES.EXCLUSIVE_ = true and not exists(select J2.ID_ from ACT_RU_JOB J2 "
				+ "where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true) "
				+ "and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= ?))) or RES.EXCLUSIVE_ = false) "
				+ "and HANDLER_TYPE_ != 'history-cleanup' limit 8";
		for (Object[] at : new Object[][] { { "nothing due", Instant.now() }, { "a day of far timers due", far.plus(1, ChronoUnit.DAYS) } }) {
			Timestamp now = Timestamp.from((Instant) at[1]);
			Histogram h = Results.histogram();
			int rows = 0;
			for (int i = 0; i < 25; i++) {
				long s = System.nanoTime();
				try (PreparedStatement ps = c.prepareStatement(sql)) {
					ps.setTimestamp(1, now);
					ps.setTimestamp(2, now);
					ps.setTimestamp(3, now);
					try (ResultSet rs = ps.executeQuery()) {
						rows = 0;
						while (rs.next()) {
							rows++;
						}
					}
				}
				if (i >= 5) {
					h.recordValue(System.nanoTime() - s);
				}
			}
			results.add(w, "acquisition query, " + at[0] + ", p50", h.getValueAtPercentile(50) / 1e6, "ms", rows
					+ " rows; max " + round(h.getMaxValue() / 1e6) + " ms; Camunda's query run by the bench, 20 times");
		}
	}

	private String awaitWaitingInstance(String jdbc, String user, String password, String taskId, Duration timeout)
			throws SQLException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		try (Connection c = DriverManager.getConnection(jdbc, user, password)) {
			while (Instant.now().isBefore(deadline)) {
				List<String> ids = strings(c, "select process_instance_id from owd_escalation_instance where task_id = ? "
						+ "and process_instance_id is not null", taskId);
				if (!ids.isEmpty() && count(c, "select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ? "
						+ "and HANDLER_CFG_ like 'Timer_SlaWarning%'", ids.get(0)) == 1) {
					return ids.get(0);
				}
				TimeUnit.MILLISECONDS.sleep(200);
			}
		}
		throw new IllegalStateException("the seed task's escalation instance did not reach Timer_SlaWarning in " + timeout);
	}

	private long dbPid() {
		return Long.parseLong(get("dbPid", "0"));
	}

	/** utime + stime of a process in clock ticks (100 per second on Linux), 0 if unknown. */
	static long cpuTicks(long pid) {
		if (pid <= 0) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	static double loadAverage() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	static long count(Connection c, String sql, Object... params) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
		List<String> values = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					values.add(rs.getString(1));
				}
			}
		}
		return values;
	}

	/** platform/target/openwd-platform-*.jar (not the engine jar), as the other modes find it. */
	static String defaultJar() {
		try (var files = Files.list(Path.of("platform/target"))) {
			return files.map(Path::toString)
				.filter(p -> p.matches(".*openwd-platform-[^/]*\\.jar") && !p.contains("-engine"))
				.findFirst()
				.orElse("platform/target/openwd-platform.jar");
		}
		catch (IOException ex) {
			return "platform/target/openwd-platform.jar";
		}
	}

	static double round(double v) {
		return Math.round(v * 10) / 10.0;
	}

}
