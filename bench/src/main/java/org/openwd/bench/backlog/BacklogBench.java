package org.openwd.bench.backlog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.openwd.bench.Results;
import org.openwd.bench.load.Http;

/**
 * The large-backlog workloads of issue 8 against a platform it starts itself:
 * <ol>
 * <li>first start on an empty database (the platform's Flyway migrations create the schema), routing profiles and
 * employees through the REST API, heap after a full GC, stop;</li>
 * <li>{@link BacklogLoader} writes N queued tasks and their history straight into the schema;</li>
 * <li><b>W4 restart</b>: process start -> healthy and both rebuild log lines ({@code Distribution started},
 * {@code Queue order rebuilt}), heap after a full GC, heap per queued task;</li>
 * <li><b>W5 aging</b>: row writes during a quiet period (MariaDB's InnoDB row counters);</li>
 * <li><b>W3 shift start</b>: every employee opens a real STOMP inbox, all go READY within a window, ready -> first
 * offer, double offers; then they keep working (accept after a think time, complete after a handle time);</li>
 * <li><b>W5 profile change</b>: after a "before" phase, one routing profile (10% of the backlog) gets a priority that
 * puts its tasks above all others; measured: until the queue order shows it ({@code /api/v1/queue/top}), until the
 * distribution engine uses it (its log line), until the first offer of that profile, and free -> offer p99 before and
 * during.</li>
 * </ol>
 * Correctness (the smoke test asserts these, never timings): both rebuilds count every loaded task, every employee got
 * a first offer, no task was offered to two people at once, no inbox or API error.
 */
public final class BacklogBench {

	private static final Pattern DISTRIBUTION = Pattern.compile("Distribution started: (\\d+) queued tasks, (\\d+) employees in (\\d+) ms");

	private static final Pattern QUEUE_ORDER = Pattern.compile("Queue order rebuilt: (\\d+) queued tasks in (\\d+) ms");

	private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([\\d.]+) seconds");

	/** Generous: a first start took 2-4 minutes while four other builds shared the two cores. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(20);

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	/** Settings of one run (see bench/README.md for the command-line names). */
	public record Settings(Path jar, int tasks, int employees, int skills, String heap, String jdbc, String user,
			String password, List<String> platformArgs, int readyWindowSeconds, int phaseSeconds, int quietSeconds,
			int[] think, int[] handle, long seed, Duration maxWait, long dbPid, int readyInFlight) {
	}

	/** The correctness findings. */
	public record Verdict(int loaded, int distributionRebuilt, int queueOrderRebuilt, int employees, int employeesOffered,
			int doubleOffers, List<String> errors) {

		public boolean correct() {
			return distributionRebuilt == loaded && queueOrderRebuilt == loaded && employeesOffered == employees
					&& doubleOffers == 0 && errors.isEmpty();
		}

	}

	private final Settings s;

	private final Results results;

	public BacklogBench(Settings settings, Results results) {
		this.s = settings;
		this.results = results;
	}

	public Verdict run(Path dataDir) throws Exception {
		BacklogFixture fixture;
		List<BacklogFixture.Employee> people;
		List<String> args = new ArrayList<>(s.platformArgs());
		if (s.jdbc() != null) {
			args.add("--spring.datasource.url=" + s.jdbc());
			args.add("--spring.datasource.username=" + s.user());
			args.add("--spring.datasource.password=" + s.password());
		}
		// H2's default page cache (16 MB) makes random-key inserts into ten indexes read the file: give the loader 512 MB
		String jdbc = s.jdbc() != null ? s.jdbc()
				: "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/openwd") + ";CACHE_SIZE=524288";
		BacklogLoader loader = new BacklogLoader(jdbc, s.jdbc() != null ? s.user() : "sa", s.jdbc() != null ? s.password() : "");
		long emptyHeap;

		// 1. first start: schema, profiles, employees
		long t0 = System.nanoTime();
		try (BacklogPlatform first = BacklogPlatform.start(s.jar(), dataDir, s.employees(), s.heap(), args, START_TIMEOUT)) {
			results.add("W4 restart", "first start (empty database) -> healthy", seconds(t0), "s", load());
			Http http = new Http(first.url);
			JsonNode decision = http.get("owner", "/api/v1/decisions/classification").expect(200).body();
			fixture = new BacklogFixture(s.skills(), s.maxWait(), "classification:v" + decision.path("version").asInt(1));
			for (int p = 0; p < BacklogFixture.PROFILES; p++) {
				JsonNode saved = http.put("owner", "/api/v1/routing-profiles/" + fixture.profileName(p), fixture.profile(p, -1, -1))
					.expect(200, 201).body();
				fixture.profileVersion(p, saved == null ? 1 : saved.path("version").asInt(1));
			}
			people = fixture.employees(s.employees(), s.seed());
			parallel(8, people, e -> http.put("admin", "/api/v1/employees/" + e.id(), e.body()).expect(200, 201));
			emptyHeap = heapAfterGc(first.pid());
		}

		// 2. the backlog, straight into the schema
		System.out.println("loading " + s.tasks() + " tasks into " + jdbc.replaceAll("password=[^&;]*", "password=***"));
		BacklogLoader.Loaded loaded = loader.load(fixture, s.tasks(), Instant.now(), s.seed());
		results.add("W4 restart", "bulk load (task + 2 history rows per task)", s.tasks() / loaded.seconds(), "tasks/s",
				s.tasks() + " tasks in " + round(loaded.seconds()) + " s; " + loaded.changedProfileTasks().size()
						+ " of profile " + fixture.profileName(BacklogFixture.CHANGED_PROFILE) + "; " + load());

		// 3. W4 restart; -Dopenwd.bench.restarts=N measures N - 1 extra restarts first (each its own rows, "restart k of N")
		int restarts = Integer.getInteger("openwd.bench.restarts", 1);
		for (int k = 1; k < restarts; k++) {
			long again = System.nanoTime();
			try (BacklogPlatform platform = BacklogPlatform.start(s.jar(), dataDir, s.employees(), s.heap(), args, START_TIMEOUT)) {
				double healthy = seconds(again);
				Path log = dataDir.resolve("platform.log");
				Matcher distribution = awaitLine(log, DISTRIBUTION, Duration.ofMinutes(15));
				Matcher order = awaitLine(log, QUEUE_ORDER, Duration.ofMinutes(15));
				double rebuilt = seconds(again);
				Matcher started = find(log, STARTED);
				String w4 = "W4 restart " + k + " of " + restarts;
				results.add(w4, "restart -> healthy", healthy, "s", "Spring reports started in "
						+ (started == null ? "?" : started.group(1)) + " s; " + s.tasks() + " queued tasks");
				results.add(w4, "restart -> healthy and both rebuilds logged", rebuilt, "s", load());
				results.add(w4, "Distributor rebuild (its log)", Long.parseLong(distribution.group(3)), "ms",
						distribution.group(1) + " queued tasks, " + distribution.group(2) + " employees");
				results.add(w4, "QueueOrdering rebuild (its log)", Long.parseLong(order.group(2)), "ms", order.group(1) + " queued tasks");
			}
		}
		long restart = System.nanoTime();
		try (BacklogPlatform platform = BacklogPlatform.start(s.jar(), dataDir, s.employees(), s.heap(), args, START_TIMEOUT)) {
			double healthy = seconds(restart);
			Path log = dataDir.resolve("platform.log");
			Matcher distribution = awaitLine(log, DISTRIBUTION, Duration.ofMinutes(15));
			Matcher order = awaitLine(log, QUEUE_ORDER, Duration.ofMinutes(15));
			double rebuilt = seconds(restart);
			String w4 = "W4 restart";
			Matcher started = find(log, STARTED);
			results.add(w4, "restart -> healthy", healthy, "s", "Spring reports started in "
					+ (started == null ? "?" : started.group(1)) + " s; " + s.tasks() + " queued tasks");
			results.add(w4, "restart -> healthy and both rebuilds logged", rebuilt, "s", "target <= 20 s at 1 M; " + load());
			results.add(w4, "Distributor rebuild (its log)", Long.parseLong(distribution.group(3)), "ms",
					distribution.group(1) + " queued tasks, " + distribution.group(2) + " employees");
			results.add(w4, "QueueOrdering rebuild (its log)", Long.parseLong(order.group(2)), "ms", order.group(1) + " queued tasks");
			long fullHeap = heapAfterGc(platform.pid());
			results.add(w4, "platform heap after full GC, empty / with backlog", fullHeap / 1024.0 / 1024.0, "MB",
					"empty " + round(emptyHeap / 1024.0 / 1024.0) + " MB, -Xmx" + s.heap());
			results.add(w4, "platform heap per queued task (both in-memory indexes)", (fullHeap - emptyHeap) / (double) s.tasks(),
					"B", "(heap with backlog - empty heap) / tasks; target <= 200 B for the engine alone");

			results.print(System.out);

			// 4. W5: no row writes for time-based aging
			if (s.quietSeconds() > 0) {
				BacklogLoader.RowWrites before = loader.rowWrites();
				TimeUnit.SECONDS.sleep(s.quietSeconds());
				BacklogLoader.RowWrites after = loader.rowWrites();
				results.add("W5 aging", "task and history rows written during a quiet " + s.quietSeconds() + " s",
						after.taskRows() - before.taskRows(), "rows", after.minus(before) + "; " + s.tasks()
								+ " queued tasks aging (the server-wide count includes the scheduler's and Camunda's own rows)");
			}

			// 5. W3 shift start and 6. W5 profile change, with the employees working (-Dopenwd.bench.shift=false: not)
			if (!Boolean.parseBoolean(System.getProperty("openwd.bench.shift", "true"))) {
				int d = Integer.parseInt(distribution.group(1));
				int q = Integer.parseInt(order.group(1));
				return new Verdict(loaded.tasks(), d, q, 0, 0, 0, List.of()); // no shift: "0 of 0 employees offered"
			}
			return shift(platform.url, platform.pid(), fixture, people, loaded, Integer.parseInt(distribution.group(1)),
					Integer.parseInt(order.group(1)), log);
		}
	}

	/**
	 * W3 and W5 alone, against a platform restarted on a backlog this mode loaded earlier (same seed and sizes): for a
	 * run whose restart was measured by hand. The rebuild counts are taken as the loaded count.
	 */
	public Verdict shiftOnly(String url, Path log) throws Exception {
		Http http = new Http(url);
		JsonNode decision = http.get("owner", "/api/v1/decisions/classification").expect(200).body();
		BacklogFixture fixture = new BacklogFixture(s.skills(), s.maxWait(), "classification:v" + decision.path("version").asInt(1));

		BacklogLoader.Loaded loaded = new BacklogLoader.Loaded(s.tasks(), 0, java.util.Collections.nCopies(Math.max(0, s.tasks() / 10), null));
		return shift(url, Long.getLong("openwd.bench.platform-pid", -1), fixture, fixture.employees(s.employees(), s.seed()),
				loaded, s.tasks(), s.tasks(), log);
	}

	private Verdict shift(String url, long platformPid, BacklogFixture fixture, List<BacklogFixture.Employee> people,
			BacklogLoader.Loaded loaded, int distributionRebuilt, int orderRebuilt, Path log) throws Exception {
		// the simulated employees' REST calls are asynchronous: a few threads serve thousands of them
		ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("shift-http-"));
		Http http = new Http(url, httpThreads);
		ShiftCost cost = new ShiftCost(platformPid, s.dbPid(), s.jdbc(), s.user(), s.password());
		boolean offline = false;
		ShiftObservations seen = new ShiftObservations();
		StandardWebSocketClient ws = new StandardWebSocketClient();
		// Tomcat's client gives the handshake 5 s by default: too little for 2,000 sessions on a busy machine
		ws.setUserProperties(Map.of("org.apache.tomcat.websocket.IO_TIMEOUT_MS", "60000"));
		WebSocketStompClient stomp = new WebSocketStompClient(ws);
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("shift-scheduler-"));
		List<ShiftEmployee> shift = new ArrayList<>();
		for (int i = 0; i < people.size(); i++) {
			shift.add(new ShiftEmployee(people.get(i).id(), http, seen, scheduler, s.seed() + i, s.think(), s.handle()));
		}
		try {
			long c0 = System.nanoTime();
			parallel(16, shift, e -> {
				for (int attempt = 1; attempt <= 3; attempt++) {
					try {
						e.connect(stomp);
						return;
					}
					catch (Exception ex) {
						if (attempt == 3) {
							seen.error(e.id() + " connect: " + ex);
						}
					}
				}
			});
			results.add("W3 shift start", "inbox sessions connected", shift.size(), "count", "in " + round(seconds(c0)) + " s");

			// W3: all go ready within the window, spread evenly; one thread starts the (asynchronous) READY requests on time
			ShiftCost.Snapshot costFrom = cost.snapshot();
			ScheduledExecutorService readiness = Executors.newSingleThreadScheduledExecutor();
			long r0 = System.nanoTime();
			long windowNanos = TimeUnit.SECONDS.toNanos(s.readyWindowSeconds());
			List<java.util.concurrent.CompletableFuture<Void>> readies = new ArrayList<>();
			long[] lastReady = new long[1];
			// --readyInFlight N: at most N READY requests under way (the earlier bench's 32 blocking threads); 0: none held back
			java.util.concurrent.Semaphore inFlight = s.readyInFlight() > 0 ? new java.util.concurrent.Semaphore(s.readyInFlight()) : null;
			for (int i = 0; i < shift.size(); i++) {
				ShiftEmployee e = shift.get(i);
				long at = shift.size() <= 1 ? 0 : windowNanos * i / (shift.size() - 1);
				java.util.concurrent.CompletableFuture<Void> answered = new java.util.concurrent.CompletableFuture<>();
				readies.add(answered);
				readiness.schedule(() -> {
					if (inFlight != null) {
						inFlight.acquireUninterruptibly(); // the wave waits here, as behind a pool of blocking clients
					}
					e.ready().whenComplete((ignored, ex) -> {
						if (inFlight != null) {
							inFlight.release();
						}
						synchronized (lastReady) {
							lastReady[0] = Math.max(lastReady[0], System.nanoTime());
						}
						answered.complete(null);
					});
				}, at, TimeUnit.NANOSECONDS);
			}
			for (java.util.concurrent.CompletableFuture<Void> f : readies) {
				f.get();
			}
			readiness.shutdown();
			double readySpan = (lastReady[0] - r0) / 1e9;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(60, s.readyWindowSeconds() * 6L));
			while (seen.gotFirstOffer.size() < shift.size() && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(50);
			}
			ShiftCost.Snapshot costTo = cost.snapshot();
			int offersAtStart = seen.offers.get();
			String w3 = "W3 shift start";
			results.add(w3, "employees went ready within", readySpan, "s",
					shift.size() + " READY requests, spread over " + s.readyWindowSeconds() + " s, "
							+ (s.readyInFlight() > 0 ? "at most " + s.readyInFlight() + " in flight" : "none held back") + "; " + load());
			results.latency(w3, "READY request answered", seen.readyAnswered, TimeUnit.MILLISECONDS);
			results.add(w3, "requests sent again after 503 service-busy", http.busyRetries(), "count",
					"nothing was changed by those answers; the inbox client repeats them after Retry-After, like the web inbox");
			String during = seen.completed.size() + " tasks completed, " + seen.offers.get() + " offers accepted or pending";
			cost.report(results, w3, "shift start", costFrom, costTo, "employee", shift.size(),
					"READY requests, their offers (" + offersAtStart + ") and accepts; " + during);
			cost.report(results, w3, "shift start", costFrom, costTo, "offer", offersAtStart, "the same CPU divided by the offers");
			results.latency(w3, "ready -> first offer received", seen.readyToFirstOffer, TimeUnit.MILLISECONDS);
			long within2s;
			synchronized (seen.readyToFirstOffer) {
				within2s = seen.readyToFirstOffer.getCountBetweenValues(0, TimeUnit.SECONDS.toNanos(2));
			}
			results.add(w3, "employees with a first offer within 2 s", within2s, "count",
					seen.gotFirstOffer.size() + " of " + shift.size() + " got one at all; target: all within 2 s");
			results.add(w3, "offers at shift start", seen.offers.get(), "count",
					"in " + round(seconds(r0)) + " s (employees hold 1-3 each)");

			results.print(System.out);
			if (s.phaseSeconds() > 0) {
				profileChange(http, fixture, seen, loaded, log);
			}
			results.add("W3/W5 shift", "double offers seen by the inboxes", seen.doubleOffers.get(), "count", "target 0");
			results.add("W3/W5 shift", "tasks completed during the run", seen.completed.size(), "count", seen.offers.get() + " offers");

			// what a presence change costs when no offer follows: everyone goes OFFLINE (held tasks stay theirs)
			ShiftCost.Snapshot offFrom = cost.snapshot();
			long o0 = System.nanoTime();
			parallel(16, shift, e -> {
				try {
					e.offline();
				}
				catch (RuntimeException ex) {
					seen.error(e.id() + " offline: " + ex.getMessage());
				}
			});
			ShiftCost.Snapshot offTo = cost.snapshot();
			offline = true;
			cost.report(results, "W3 shift end", "OFFLINE", offFrom, offTo, "presence change", shift.size(),
					"16 threads, no offer follows; in " + round(seconds(o0)) + " s");
		}
		finally {
			boolean wentOffline = offline;
			parallel(16, shift, e -> {
				try {
					if (!wentOffline) {
						e.offline();
					}
				}
				catch (RuntimeException ignored) {
					// best effort
				}
				e.close();
			});
			scheduler.shutdownNow();
			stomp.stop();
			httpThreads.shutdown();
		}
		return new Verdict(loaded.tasks(), distributionRebuilt, orderRebuilt, shift.size(), seen.gotFirstOffer.size(),
				seen.doubleOffers.get(), List.copyOf(seen.errors));
	}

	/** W5: the "before" phase, the change, the "during" phase. */
	private void profileChange(Http http, BacklogFixture fixture, ShiftObservations seen, BacklogLoader.Loaded loaded, Path log)
			throws Exception {
		String w5 = "W5 profile change";
		String profile = fixture.profileName(BacklogFixture.CHANGED_PROFILE);
		seen.watch(profile, Long.MAX_VALUE);
		seen.phase("before");
		TimeUnit.SECONDS.sleep(s.phaseSeconds());
		int newStart = 20_000;
		long put = System.nanoTime();
		Instant putWall = Instant.now();
		seen.watch(profile, put);
		ShiftObservations.Phase before = seen.phase("during");
		JsonNode saved = http.put("owner", "/api/v1/routing-profiles/" + profile,
				fixture.profile(BacklogFixture.CHANGED_PROFILE, newStart, 30_000)).expect(200).body();
		double putMs = (System.nanoTime() - put) / 1e6;
		int version = saved == null ? -1 : saved.path("version").asInt(-1);
		// the queue order (what /queue/top and the supervisor view show) has it when its best task is of that profile
		double queueMs = -1;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			JsonNode top = http.get("supervisor", "/api/v1/queue/top?n=1").expect(200).body();
			if (top != null && top.size() > 0 && profile.equals(top.get(0).path("routingProfile").asText())
					&& top.get(0).path("total").asLong() >= newStart) {
				queueMs = (System.nanoTime() - put) / 1e6;
				break;
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		// the distribution engine has it when the Distributor logs the new version
		Pattern applied = Pattern.compile("(\\S+) .*Routing profile " + Pattern.quote(profile) + " version " + version
				+ " applied to distribution");
		double engineMs = -1;
		Matcher line = null;
		try {
			line = awaitLine(log, applied, Duration.ofSeconds(60));
		}
		catch (IllegalStateException notLogged) {
			seen.error("the distribution engine did not log routing profile " + profile + " version " + version);
		}
		if (line != null) {
			Instant at = logTime(line.group(1));
			engineMs = at == null ? -1 : Duration.between(putWall, at).toNanos() / 1e6;
		}
		TimeUnit.SECONDS.sleep(s.phaseSeconds());
		ShiftObservations.Phase during = seen.phase("after");
		long firstOffer = seen.firstWatchedOffer.get();
		results.add(w5, "PUT routing profile (" + loaded.changedProfileTasks().size() + " queued tasks use it)", putMs, "ms",
				profile + " priority start -> " + newStart + " (above every other profile)");
		results.add(w5, "PUT -> queue order shows it (/queue/top)", queueMs, "ms", "target <= 3 s");
		results.add(w5, "PUT -> distribution engine uses it (its log)", engineMs, "ms",
				"target <= 3 s; the Distributor polls profile versions every openwd.distribution.profile-sync (1 s)");
		results.add(w5, "PUT -> first offer of a task of that profile", firstOffer == 0 ? -1 : (firstOffer - put) / 1e6, "ms",
				"any employee");
		results.add(w5, "share of offers of that profile before / during", share(during), "%",
				"before " + round(share(before)) + "% (" + before.offers.get() + " offers), during " + during.offers.get()
						+ " offers; the profile holds ~10% of the backlog");
		results.latency(w5, "free -> offer before (" + s.phaseSeconds() + " s)", before.freeToOffer, TimeUnit.MILLISECONDS);
		results.latency(w5, "free -> offer during (" + s.phaseSeconds() + " s from the PUT)", during.freeToOffer,
				TimeUnit.MILLISECONDS);
		double p99Before = before.freeToOffer.getValueAtPercentile(99);
		double p99During = during.freeToOffer.getValueAtPercentile(99);
		results.add(w5, "free -> offer p99 during / before", p99Before == 0 ? -1 : p99During / p99Before, "x",
				"target <= 2x; " + load());
	}

	private static double share(ShiftObservations.Phase phase) {
		return phase.offers.get() == 0 ? 0 : 100.0 * phase.watchedOffers.get() / phase.offers.get();
	}

	// ---- helpers

	/** Used heap after a full GC of the platform JVM, in bytes ({@code jcmd GC.run}, then {@code GC.heap_info}). */
	static long heapAfterGc(long pid) throws IOException, InterruptedException {
		jcmd(pid, "GC.run");
		String info = jcmd(pid, "GC.heap_info");
		Matcher m = HEAP_USED.matcher(info);
		if (!m.find()) {
			throw new IllegalStateException("jcmd GC.heap_info printed no used heap:\n" + info);
		}
		return Long.parseLong(m.group(1)) * 1024;
	}

	private static String jcmd(long pid, String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(60, TimeUnit.SECONDS);
		return out;
	}

	static Matcher awaitLine(Path log, Pattern pattern, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher m = find(log, pattern);
			if (m != null) {
				return m;
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		throw new IllegalStateException("the platform did not log /" + pattern + "/ within " + timeout);
	}

	static Matcher find(Path log, Pattern pattern) throws IOException {
		for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
			Matcher m = pattern.matcher(line);
			if (m.find()) {
				return m;
			}
		}
		return null;
	}

	/** Spring Boot's console timestamp, e.g. {@code 2026-12-01T10:20:30.123Z} or with an offset. */
	static Instant logTime(String text) {
		try {
			return java.time.OffsetDateTime.parse(text).toInstant();
		}
		catch (RuntimeException ex) {
			try {
				return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(ZoneId.systemDefault()).toInstant();
			}
			catch (RuntimeException again) {
				return null;
			}
		}
	}

	private static <T> void parallel(int threads, List<T> items, java.util.function.Consumer<T> action) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (T item : items) {
				futures.add(pool.submit(() -> action.accept(item)));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String prefix) {
		java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
		return r -> {
			Thread t = new Thread(r, prefix + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	static String load() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return "load " + parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "load ?";
		}
	}

	private static double seconds(long since) {
		return round((System.nanoTime() - since) / 1e9);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	static Map<String, Object> describe(Settings s) {
		Map<String, Object> d = new java.util.LinkedHashMap<>();
		d.put("tasks", s.tasks());
		d.put("employees", s.employees());
		d.put("skills", s.skills());
		d.put("heap", s.heap());
		d.put("database", s.jdbc() == null ? "h2 file (embedded default)" : s.jdbc());
		d.put("platformArgs", s.platformArgs());
		d.put("readyWindowSeconds", s.readyWindowSeconds());
		d.put("readyInFlight", s.readyInFlight());
		d.put("phaseSeconds", s.phaseSeconds());
		d.put("thinkMs", s.think()[0] + "-" + s.think()[1]);
		d.put("handleMs", s.handle()[0] + "-" + s.handle()[1]);
		return d;
	}

}
