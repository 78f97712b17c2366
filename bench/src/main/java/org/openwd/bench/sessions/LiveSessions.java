package org.openwd.bench.sessions;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.openwd.bench.Bench;
import org.openwd.bench.Results;
import org.openwd.bench.load.Http;
import org.openwd.bench.load.PlatformProcess;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * W8 live sessions: opens many concurrent inbox sessions (agents, plus supervisor sessions on the live view) against
 * one platform node, at a stated ramp rate, and measures what holding them costs the node (heap after a full GC, per
 * session; threads; CPU while idle with heart-beats) and how fast a change fans out to the sessions that must see it.
 * <p>
 * Phases: start the platform (unless {@code --url}), create the agents' employee records, measure the heap, ramp up
 * every session, wait until the server's own metrics count every session and subscription, hold and measure again,
 * then two fan-out phases:
 * <ol>
 * <li><b>rounds</b>: one agent at a time goes NOT_READY; the change must reach that agent's inbox and every supervisor
 * session (K = supervisors + 1), measured per receipt and for the last of the K;</li>
 * <li><b>wave</b> (shift start): every agent goes READY once, at {@code --waveRate} changes per second; each change
 * must reach its agent's inbox and every supervisor, exactly once.</li>
 * </ol>
 * Correct = every session connected and stayed connected, every change reached each of its receivers exactly once.
 */
public final class LiveSessions {

	static final String W = "W8 live sessions";

	private final Map<String, String> options;

	private LiveSessions(Map<String, String> options) {
		this.options = options;
	}

	/** The test suite's size: 45 agents and 5 supervisors, seconds. */
	public static boolean smoke(Bench.Options o, Path out) throws Exception {
		Map<String, String> merged = new HashMap<>(Map.of("agents", "45", "supervisors", "5", "rate", "50", "rounds", "5",
				"waveRate", "50", "hold", "0", "heap", "512m"));
		merged.putAll(o.values());
		return run(new Bench.Options(merged, o.extra()), out);
	}

	public static boolean run(Bench.Options o, Path out) throws Exception {
		return new LiveSessions(o.values()).execute(o.extra(), out);
	}

	private boolean execute(List<String> platformArgs, Path out) throws Exception {
		int agents = integer("agents", 4900);
		int supervisors = integer("supervisors", 100);
		int total = agents + supervisors;
		double rate = decimal("rate", 100);
		Results results = new Results("sessions").config("options", options);
		results.config("platformArgs", platformArgs);
		List<String> errors = new ArrayList<>();
		PlatformProcess started = null;
		String url = options.get("url");
		ProcessProbe platform = options.containsKey("pid") ? new ProcessProbe(Long.parseLong(options.get("pid"))) : null;
		try {
			if (url == null) {
				List<PlatformProcess.User> logins = new ArrayList<>();
				for (int i = 0; i < agents; i++) {
					logins.add(new PlatformProcess.User(agent(i), "AGENT"));
				}
				for (int i = 0; i < supervisors; i++) {
					logins.add(new PlatformProcess.User(supervisor(i), "SUPERVISOR"));
				}
				Path jar = Path.of(options.getOrDefault("jar", defaultJar()));
				results.config("platform", "started: " + jar.getFileName() + " -Xmx" + options.getOrDefault("heap", "1g") + " "
						+ platformArgs);
				started = PlatformProcess.start(jar, Files.createTempDirectory("openwd-sessions-"), logins,
						options.getOrDefault("heap", "1g"), platformArgs);
				url = started.url;
				platform = new ProcessProbe(started.pid());
			}
			results.config("url", url);
			Http http = new Http(url);
			createEmployees(http, agents);
			String reason = http.get("admin", "/api/v1/presence/reasons").expect(200).body().path("reasons").path(0).asText();

			ProcessProbe.Heap before = platform == null ? null : platform.heapAfterFullGc();
			int threadsBefore = platform == null ? -1 : platform.threads();
			double sessionsBefore = gauge(http, "openwd.live.sessions");
			double subscriptionsBefore = gauge(http, "openwd.live.subscriptions");

			FanOut rounds = new FanOut(supervisors);
			FanOut wave = new FanOut(supervisors);
			// receipts go to the fan-out of the phase that runs
			java.util.concurrent.atomic.AtomicReference<FanOut> phase = new java.util.concurrent.atomic.AtomicReference<>(rounds);
			List<InboxSession> sessions = new ArrayList<>();
			for (int i = 0; i < agents; i++) {
				sessions.add(new InboxSession(agent(i), false, i, phase::get));
			}
			for (int i = 0; i < supervisors; i++) {
				sessions.add(new InboxSession(supervisor(i), true, i, phase::get));
			}
			// supervisors first, so that they are on the live view before the agents arrive, as in a shift start
			java.util.Collections.rotate(sessions, supervisors);

			Client client = new Client(integer("connectThreads", 8), integer("heartbeat", 10_000));
			try {
				// ---- ramp-up
				Histogram open = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
				Histogram handshake = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
				ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
				CountDownLatch opened = new CountDownLatch(total);
				double benchCpu0 = ProcessProbe.benchCpuSeconds();
				double platformCpu0 = platform == null ? Double.NaN : platform.cpuSeconds();
				long rampStart = System.nanoTime();
				ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
				AtomicInteger next = new AtomicInteger();
				long periodNanos = (long) (1e9 / rate);
				String base = url;
				pacer.scheduleAtFixedRate(() -> {
					int i = next.getAndIncrement();
					if (i >= total) {
						return;
					}
					InboxSession s = sessions.get(i);
					client.connectPool.execute(() -> {
						long t0 = System.nanoTime();
						long[] t1 = new long[1];
						client.loginThenOpen(s, base, t1).whenComplete((ok, failure) -> {
							long t2 = System.nanoTime();
							if (failure != null) {
								failures.add(s.user + ": " + failure);
							}
							else {
								open.recordValue(Math.min(t2 - t0, TimeUnit.SECONDS.toNanos(59)));
								handshake.recordValue(Math.min(t2 - t1[0], TimeUnit.SECONDS.toNanos(59)));
							}
							opened.countDown();
						});
					});
				}, 0, periodNanos, TimeUnit.NANOSECONDS);
				// the default waits three times as long as the asked ramp takes, at least 5 minutes
				int timeout = integer("timeout", Math.max(300, (int) (3 * total / rate)));
				boolean allOpened = opened.await(timeout, TimeUnit.SECONDS);
				pacer.shutdownNow();
				double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
				double benchCpuRamp = ProcessProbe.benchCpuSeconds() - benchCpu0;
				double platformCpuRamp = platform == null ? Double.NaN : platform.cpuSeconds() - platformCpu0;
				if (!allOpened) {
					errors.add("only " + (total - opened.getCount()) + " of " + total + " sessions finished opening");
				}
				failures.stream().limit(5).forEach(errors::add);
				int connected = (int) sessions.stream().filter(InboxSession::isConnected).count();
				results.add(W, "sessions open (bench: agents + supervisors)", connected, "count",
						agents + " agents + " + supervisors + " supervisors; " + failures.size() + " failed");
				results.add(W, "ramp-up rate achieved", total / rampSeconds, "1/s",
						"asked " + rate + "/s; " + Math.round(rampSeconds) + " s");
				results.latency(W, "session open (login page + handshake + CONNECT)", open, TimeUnit.MILLISECONDS);
				results.latency(W, "handshake + CONNECT", handshake, TimeUnit.MILLISECONDS);
				results.add(W, "CPU during ramp-up: platform", platformCpuRamp, "s", "of " + round(rampSeconds) + " s wall");
				results.add(W, "CPU during ramp-up: bench", benchCpuRamp, "s", "of " + round(rampSeconds) + " s wall");

				// ---- the server counts them
				double[] server = awaitServerCounts(http, sessionsBefore + connected, subscriptionsBefore + connected,
						Duration.ofSeconds(60));
				results.add(W, "sessions the server reports (openwd.live.sessions)", server[0] - sessionsBefore, "count",
						"subscriptions: " + (long) (server[1] - subscriptionsBefore));
				if (server[0] - sessionsBefore != total || server[1] - subscriptionsBefore != total) {
					errors.add("the server counts " + (server[0] - sessionsBefore) + " sessions and "
							+ (server[1] - subscriptionsBefore) + " subscriptions, expected " + total);
				}

				// ---- hold: what the open sessions cost while idle
				int hold = integer("hold", 20);
				if (platform != null) {
					double idleCpu0 = platform.cpuSeconds();
					double idleBench0 = ProcessProbe.benchCpuSeconds();
					if (hold > 0) {
						TimeUnit.SECONDS.sleep(hold);
						results.add(W, "platform CPU while holding the sessions idle", (platform.cpuSeconds() - idleCpu0) / hold,
								"cores", hold + " s, heart-beats every " + integer("heartbeat", 10_000) + " ms both ways");
						results.add(W, "bench CPU while holding the sessions idle",
								(ProcessProbe.benchCpuSeconds() - idleBench0) / hold, "cores", hold + " s");
					}
					ProcessProbe.Heap with = platform.heapAfterFullGc();
					long perSession = (with.usedBytes() - before.usedBytes()) / Math.max(1, connected);
					results.add(W, "platform heap after full GC, without sessions", before.usedBytes() / 1048576.0, "MB", "jcmd GC.class_histogram + GC.heap_info");
					results.add(W, "platform heap after full GC, all sessions open", with.usedBytes() / 1048576.0, "MB",
							"target <= 1024; committed " + with.committedBytes() / 1048576 + " MB; RSS "
									+ platform.residentBytes() / 1048576 + " MB");
					results.add(W, "platform heap per session", perSession, "B", connected + " sessions");
					results.add(W, "platform threads", platform.threads(), "count", "before the sessions: " + threadsBefore);
					List<String> grown = with.grownSince(before, 12, connected);
					results.config("heapGrowthByClass", grown);
					System.out.println("heap growth by class (top 12):");
					grown.forEach(line -> System.out.println("  " + line));
				}

				// ---- fan-out 1: rounds, one change at a time
				int roundCount = Math.min(integer("rounds", 50), agents);
				double pCpu0 = platform == null ? Double.NaN : platform.cpuSeconds();
				for (int r = 0; r < roundCount; r++) {
					String employee = agent(r * Math.max(1, agents / Math.max(1, roundCount)));
					rounds.expect(employee, "NOT_READY");
					http.put(employee, "/api/v1/me/presence", Map.of("state", "NOT_READY", "reason", reason)).expect(200);
					if (rounds.awaitComplete(r + 1, Duration.ofSeconds(10)) < r + 1) {
						errors.add("round " + r + " (" + employee + "): " + rounds.incomplete(1));
					}
				}
				String k = "K=" + (supervisors + 1) + " sessions per change";
				results.latency(W, "rounds: change -> each supervisor session", rounds.toSupervisors, TimeUnit.MILLISECONDS);
				results.latency(W, "rounds: change -> the agent's own inbox", rounds.toOwnInbox, TimeUnit.MILLISECONDS);
				results.latency(W, "rounds: change -> last of its K sessions", rounds.lastReceiver, TimeUnit.MILLISECONDS);
				results.latency(W, "rounds: platform sent -> received", rounds.sentToReceived, TimeUnit.MILLISECONDS);
				results.add(W, "rounds: changes reaching all K sessions", rounds.complete.get(), "count",
						"of " + roundCount + "; " + k);

				// ---- fan-out 2: wave, every agent goes READY once
				phase.set(wave);
				double waveRate = decimal("waveRate", 100);
				int waveThreads = integer("waveThreads", 8);
				ExecutorService senders = Executors.newFixedThreadPool(waveThreads);
				ScheduledExecutorService wavePacer = Executors.newSingleThreadScheduledExecutor();
				AtomicInteger nextChange = new AtomicInteger();
				ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
				CountDownLatch sent = new CountDownLatch(agents);
				double waveBench0 = ProcessProbe.benchCpuSeconds();
				double wavePlatform0 = platform == null ? Double.NaN : platform.cpuSeconds();
				long waveStart = System.nanoTime();
				wavePacer.scheduleAtFixedRate(() -> {
					int i = nextChange.getAndIncrement();
					if (i >= agents) {
						return;
					}
					senders.execute(() -> {
						try {
							wave.expect(agent(i), "READY");
							http.put(agent(i), "/api/v1/me/presence", Map.of("state", "READY")).expect(200);
						}
						catch (RuntimeException ex) {
							refused.add(agent(i) + ": " + ex.getMessage());
						}
						finally {
							sent.countDown();
						}
					});
				}, 0, (long) (1e9 / waveRate), TimeUnit.NANOSECONDS);
				sent.await(Math.max(timeout, (int) (3 * agents / decimal("waveRate", 100))), TimeUnit.SECONDS);
				wavePacer.shutdownNow();
				int waveComplete = wave.awaitComplete(agents, Duration.ofSeconds(30));
				double waveSeconds = (System.nanoTime() - waveStart) / 1e9;
				senders.shutdownNow();
				refused.stream().limit(5).forEach(errors::add);
				if (waveComplete < agents) {
					errors.add("wave: " + (agents - waveComplete) + " changes did not reach all their sessions, e.g. "
							+ wave.incomplete(3));
				}
				results.add(W, "wave: presence changes per second", agents / waveSeconds, "1/s",
						"asked " + waveRate + "/s, " + waveThreads + " REST threads; "
								+ (long) (agents * (supervisors + 1L)) + " pushes in " + round(waveSeconds) + " s");
				results.latency(W, "wave: change -> each supervisor session", wave.toSupervisors, TimeUnit.MILLISECONDS);
				results.latency(W, "wave: change -> the agent's own inbox", wave.toOwnInbox, TimeUnit.MILLISECONDS);
				results.latency(W, "wave: change -> last of its K sessions", wave.lastReceiver, TimeUnit.MILLISECONDS);
				results.latency(W, "wave: platform sent -> received", wave.sentToReceived, TimeUnit.MILLISECONDS);
				results.add(W, "wave: CPU platform / bench", platform == null ? Double.NaN
						: platform.cpuSeconds() - wavePlatform0, "s",
						"bench " + round(ProcessProbe.benchCpuSeconds() - waveBench0) + " s, of " + round(waveSeconds) + " s wall");

				// ---- correctness
				int dropped = (int) sessions.stream().filter(s -> !s.isConnected()).count();
				int sessionErrors = sessions.stream().mapToInt(s -> s.errors.get()).sum();
				sessions.stream().filter(s -> s.lastError != null).limit(3).forEach(s -> errors.add(s.lastError));
				int duplicates = rounds.duplicates.get() + wave.duplicates.get();
				int unexpected = rounds.unexpected.get() + wave.unexpected.get();
				int missing = (roundCount - rounds.complete.get()) + (agents - waveComplete);
				results.add("correctness", "failed / dropped sessions, missing / duplicate / unexpected pushes",
						failures.size() + dropped + missing + duplicates + unexpected, "bad",
						failures.size() + " / " + dropped + " / " + missing + " / " + duplicates + " / " + unexpected
								+ "; session errors " + sessionErrors);
				if (dropped > 0) {
					errors.add(dropped + " sessions were no longer connected at the end");
				}
				if (duplicates + unexpected > 0) {
					errors.add(duplicates + " duplicate and " + unexpected + " unexpected pushes");
				}
				results.config("loadAverageAtEnd", ProcessProbe.loadAverage());
			}
			finally {
				sessions.forEach(InboxSession::close);
				client.stop();
			}
			boolean correct = errors.isEmpty();
			results.config("errors", errors);
			results.print(System.out);
			System.out.println("results: " + results.write(out));
			errors.forEach(e -> System.out.println("ERROR " + e));
			System.out.println(correct ? "CORRECT" : "INCORRECT");
			return correct;
		}
		finally {
			if (started != null) {
				started.close();
			}
		}
	}

	private void createEmployees(Http http, int agents) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < agents; i++) {
				String id = agent(i);
				done.add(pool.submit(() -> {
					Map<String, Object> profile = new LinkedHashMap<>();
					profile.put("displayName", id);
					profile.put("team", "bench");
					profile.put("department", "bench-sessions");
					profile.put("skills", Map.of("sessions", 5));
					profile.put("channelCapacity", Map.of("case", 1));
					profile.put("totalCapacity", 1);
					http.put("admin", "/api/v1/employees/" + id, profile).expect(200, 201);
				}));
			}
			for (Future<?> f : done) {
				f.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double[] awaitServerCounts(Http http, double sessions, double subscriptions, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		double[] now = { 0, 0 };
		while (System.nanoTime() < deadline) {
			now[0] = gauge(http, "openwd.live.sessions");
			now[1] = gauge(http, "openwd.live.subscriptions");
			if (now[0] >= sessions && now[1] >= subscriptions) {
				return now;
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		return now;
	}

	static double gauge(Http http, String name) {
		JsonNode body = http.get("admin", "/actuator/metrics/" + name).expect(200).body();
		return body.path("measurements").path(0).path("value").asDouble(Double.NaN);
	}

	/**
	 * One WebSocket client for every session: Tomcat's JSR-356 client shares its asynchronous channel group (a few I/O
	 * threads); handshakes run on a small pool instead of a thread each; one scheduler sends and checks heart-beats.
	 */
	static final class Client {

		final ExecutorService connectPool;

		final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

		final WebSocketStompClient stomp;

		private final ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();

		private final ThreadPoolTaskExecutor handshakes = new ThreadPoolTaskExecutor();

		Client(int threads, long heartbeatMillis) {
			connectPool = Executors.newFixedThreadPool(threads);
			handshakes.setCorePoolSize(threads);
			handshakes.setThreadNamePrefix("bench-handshake-");
			handshakes.initialize();
			StandardWebSocketClient ws = new StandardWebSocketClient();
			ws.setTaskExecutor(handshakes);
			stomp = new WebSocketStompClient(ws);
			heartbeats.setPoolSize(1);
			heartbeats.setThreadNamePrefix("bench-heartbeat-");
			heartbeats.initialize();
			stomp.setTaskScheduler(heartbeats);
			// as the web inbox (ui/src/shared/live/connect.ts)
			stomp.setDefaultHeartbeat(new long[] { heartbeatMillis, heartbeatMillis });
		}

		java.util.concurrent.CompletableFuture<Void> loginThenOpen(InboxSession s, String base, long[] handshakeStart) {
			try {
				String token = org.openwd.bench.load.InboxClient.csrfToken(base, http);
				handshakeStart[0] = System.nanoTime();
				return s.open(base, token, stomp);
			}
			catch (Exception ex) {
				handshakeStart[0] = System.nanoTime();
				return java.util.concurrent.CompletableFuture.failedFuture(ex);
			}
		}

		void stop() {
			stomp.stop();
			connectPool.shutdownNow();
			handshakes.shutdown();
			heartbeats.shutdown();
		}

	}

	static String agent(int i) {
		return "bench-agent-" + i;
	}

	static String supervisor(int i) {
		return "bench-supervisor-" + i;
	}

	private int integer(String key, int fallback) {
		return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
	}

	private double decimal(String key, double fallback) {
		return options.containsKey(key) ? Double.parseDouble(options.get(key)) : fallback;
	}

	private static String round(double seconds) {
		return String.format("%.1f", seconds);
	}

	private static String defaultJar() {
		try (var files = Files.list(Path.of("platform/target"))) {
			return files.map(Path::toString)
				.filter(p -> p.matches(".*openwd-platform-[^/]*\\.jar") && !p.contains("-engine"))
				.findFirst()
				.orElse("platform/target/openwd-platform.jar");
		}
		catch (java.io.IOException ex) {
			return "platform/target/openwd-platform.jar";
		}
	}

}
