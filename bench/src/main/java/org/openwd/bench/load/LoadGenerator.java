package org.openwd.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.openwd.bench.Results;

/**
 * Drives a running OpenWD through its public interfaces only: the capture REST API as a connector, and simulated
 * employees (real STOMP inbox sessions + REST) who go ready, accept, reject, let offers expire and complete.
 * Every workload also checks correctness: nothing lost, nothing twice, never one task offered to two people at once.
 */
public final class LoadGenerator {

	/** What the simulated employees do. Shares are of offers; times are uniform within their bounds. */
	public record EmployeeWorkload(int employees, int capacity, int tasks, double rejectShare, double expireShare,
			int thinkMinMillis, int thinkMaxMillis, int handleMinMillis, int handleMaxMillis, String offerTimeout) {

		long thinkMillis(SplittableRandom random) {
			return thinkMinMillis + random.nextInt(Math.max(1, thinkMaxMillis - thinkMinMillis + 1));
		}

		long handleMillis(SplittableRandom random) {
			return handleMinMillis + random.nextInt(Math.max(1, handleMaxMillis - handleMinMillis + 1));
		}

	}

	/** The correctness findings of a run: all zero (and empty) on a correct platform. */
	public record Verdict(int captured, int completed, int lost, int duplicates, int doubleOffers, List<String> errors) {

		public boolean correct() {
			return lost == 0 && duplicates == 0 && doubleOffers == 0 && errors.isEmpty();
		}

	}

	public static String agent(int i) {
		return "bench-agent-" + i;
	}

	private final Http http;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String source = "bench-" + run;

	public LoadGenerator(String url) {
		this.http = new Http(url);
	}

	public String runId() {
		return run;
	}

	// ---- setup through the process owner's and admin's APIs

	/** A routing profile and a classification rule for this run's task type; returns the type. */
	public String setUpWork(String name, String offerTimeout) {
		return setUpWork(name, offerTimeout, List.of(Map.of("skills", "*")));
	}

	/** As {@link #setUpWork(String, String)}, with the profile's cascade {@code targets} (skill expressions and waits). */
	String setUpWork(String name, String offerTimeout, List<Map<String, Object>> targets) {
		String profile = "bench-" + name + "-" + run;
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("name", profile);
		definition.put("priority", Map.of("start", 10, "increment", 3, "interval", "PT20S", "max", 500, "valueWeight", 0));
		definition.put("sla", Map.of("duration", "PT8H", "warningBefore", "PT1H"));
		definition.put("calendar", "24x7");
		definition.put("offerTimeout", offerTimeout);
		definition.put("targets", targets);
		definition.put("channel", "case");
		http.put("owner", "/api/v1/routing-profiles/" + profile, definition).expect(200, 201);
		String active = http.get("owner", "/api/v1/decisions/classification").expect(200).body().path("definition").asText();
		String id = "Rule_Bench" + (name + run).replaceAll("[^A-Za-z]", "x");
		String rule = """
				<rule id="%1$s">
				  <inputEntry id="%1$s_Type"><text>"%2$s"</text></inputEntry>
				  <inputEntry id="%1$s_Segment"><text>-</text></inputEntry>
				  <inputEntry id="%1$s_Channel"><text>-</text></inputEntry>
				  <inputEntry id="%1$s_Amount"><text>-</text></inputEntry>
				  <inputEntry id="%1$s_Source"><text>-</text></inputEntry>
				  <outputEntry id="%1$s_Profile"><text>"%2$s"</text></outputEntry>
				  <outputEntry id="%1$s_Department"><text>"bench"</text></outputEntry>
				  <outputEntry id="%1$s_Process"><text>"bench"</text></outputEntry>
				  <outputEntry id="%1$s_Value"><text></text></outputEntry>
				  <outputEntry id="%1$s_Skills"><text>"%3$s"</text></outputEntry>
				  <outputEntry id="%1$s_Sla"><text></text></outputEntry>
				</rule>
				""".formatted(id, profile, skill(name));
		if (!active.contains("<rule id=\"Rule_DocumentsStandard\"")) {
			throw new IllegalStateException("the active classification table has no Rule_DocumentsStandard to insert before");
		}
		http.postXml("owner", "/api/v1/decisions/classification/versions",
				active.replace("<rule id=\"Rule_DocumentsStandard\"", rule + "<rule id=\"Rule_DocumentsStandard\"")).expect(201);
		return profile;
	}

	/** The skill a work kind needs: only the employees of that kind have it. */
	private String skill(String name) {
		return "bench-" + name + "-" + run;
	}

	// ---- W1: capture

	/** Single-item REST capture from {@code threads} connector threads; checks the count and that repeats change nothing. */
	public Verdict captureSingle(String type, int tasks, int threads, Results results) throws Exception {
		Histogram latency = Results.histogram();
		AtomicInteger next = new AtomicInteger();
		List<String> errors = new CopyOnWriteArrayList<>();
		AtomicInteger created = new AtomicInteger();
		List<String> createdIds = new CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long t0 = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < tasks) {
					long s = System.nanoTime();
					Http.Response r = http.post("connector", "/api/v1/tasks", task(type, "single-" + i));
					synchronized (latency) {
						latency.recordValue(System.nanoTime() - s);
					}
					if (r.status() == 201) {
						created.incrementAndGet();
						createdIds.add(r.body().path("id").asText());
					}
					else {
						errors.add("capture " + i + ": HTTP " + r.status() + " " + r.text());
					}
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		pool.shutdown();
		String w = "W1 capture REST single";
		results.add(w, "throughput (" + threads + " threads)", tasks / seconds, "1/s", tasks + " tasks in " + round(seconds) + " s");
		results.latency(w, "request latency", latency, TimeUnit.MILLISECONDS);
		int repeats = Math.min(20, tasks);
		int duplicates = 0;
		for (int i = 0; i < repeats; i++) {
			Http.Response r = http.post("connector", "/api/v1/tasks", task(type, "single-" + i));
			if (r.status() != 200) {
				duplicates++;
				errors.add("repeat " + i + " answered " + r.status());
			}
		}
		int stored = countBySource("single-");
		int unwatched = escalationKeepsUp(createdIds, results, errors);
		return new Verdict(created.get(), 0, Math.max(0, tasks - stored) + unwatched, duplicates + Math.max(0, stored - tasks), 0,
				errors);
	}

	/** Batch REST capture: {@code tasks} items in requests of {@code batchSize}, from {@code threads} threads. */
	public Verdict captureBatch(String type, int tasks, int batchSize, int threads, Results results) throws Exception {
		Histogram latency = Results.histogram();
		AtomicInteger nextBatch = new AtomicInteger();
		int batches = (tasks + batchSize - 1) / batchSize;
		List<String> errors = new CopyOnWriteArrayList<>();
		AtomicInteger created = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long t0 = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				int b;
				while ((b = nextBatch.getAndIncrement()) < batches) {
					List<Map<String, Object>> items = new ArrayList<>();
					for (int i = b * batchSize; i < Math.min(tasks, (b + 1) * batchSize); i++) {
						items.add(task(type, "batch-" + i));
					}
					long s = System.nanoTime();
					Http.Response r = http.post("connector", "/api/v1/tasks/batch", items);
					synchronized (latency) {
						latency.recordValue(System.nanoTime() - s);
					}
					if (r.status() != 200) {
						errors.add("batch " + b + ": HTTP " + r.status() + " " + r.text());
						continue;
					}
					for (JsonNode result : r.body().path("results")) {
						if (result.path("status").asInt() == 201) {
							created.incrementAndGet();
						}
						else {
							errors.add("batch " + b + " item " + result.path("index").asInt() + ": " + result);
						}
					}
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		pool.shutdown();
		String w = "W1 capture REST batch";
		results.add(w, "throughput (batch " + batchSize + ", " + threads + " threads)", tasks / seconds, "1/s",
				tasks + " tasks in " + round(seconds) + " s");
		results.latency(w, "request latency", latency, TimeUnit.MILLISECONDS);
		int stored = countBySource("batch-");
		return new Verdict(created.get(), 0, Math.max(0, tasks - stored), Math.max(0, stored - tasks), 0, errors);
	}

	/**
	 * W1 with escalation: every captured task with a due time gets an escalation process instance (started
	 * asynchronously, in batches). For a sample of the captured tasks, waits until each instance has started and
	 * reports the start lag (requested -> started) and how long after the last capture the last one started. Returns
	 * how many sampled tasks never got their instance within two minutes (counted as lost escalations).
	 */
	private int escalationKeepsUp(List<String> ids, Results results, List<String> errors) throws InterruptedException {
		List<String> sample = new ArrayList<>();
		int step = Math.max(1, ids.size() / 100);
		for (int i = 0; i < ids.size(); i += step) {
			sample.add(ids.get(i));
		}
		long captureEnd = System.nanoTime();
		Histogram lag = Results.histogram();
		java.util.Set<String> pending = new java.util.LinkedHashSet<>(sample);
		long deadline = captureEnd + TimeUnit.MINUTES.toNanos(2);
		while (!pending.isEmpty() && System.nanoTime() < deadline) {
			for (java.util.Iterator<String> it = pending.iterator(); it.hasNext();) {
				Http.Response r = http.get("supervisor", "/api/v1/escalation/tasks/" + it.next());
				if (r.status() == 200 && !r.body().path("startedAt").isMissingNode() && !r.body().path("startedAt").isNull()) {
					java.time.Instant requested = java.time.Instant.parse(r.body().path("requestedAt").asText());
					java.time.Instant started = java.time.Instant.parse(r.body().path("startedAt").asText());
					lag.recordValue(Math.max(0, java.time.Duration.between(requested, started).toNanos()));
					it.remove();
				}
			}
			if (!pending.isEmpty()) {
				TimeUnit.MILLISECONDS.sleep(200);
			}
		}
		String w = "W1 capture with escalation";
		results.latency(w, "escalation instance start lag (requested -> started)", lag, TimeUnit.MILLISECONDS);
		results.add(w, "last sampled instance started after the last capture", (System.nanoTime() - captureEnd) / 1e6, "ms",
				sample.size() + " sampled tasks, " + pending.size() + " not started within 2 min");
		pending.forEach(id -> errors.add("task " + id + " got no escalation instance within 2 minutes"));
		return pending.size();
	}

	private Map<String, Object> task(String type, String key) {
		Map<String, Object> t = new HashMap<>();
		t.put("sourceSystem", source);
		t.put("externalId", key);
		t.put("type", type);
		t.put("title", "Bench task " + key);
		t.put("customerId", "C-" + (key.hashCode() & 1023));
		t.put("businessValue", Math.abs(key.hashCode() % 100));
		return t;
	}

	/** Tasks of this run whose external id starts with a prefix, counted by the server (search by source). */
	private int countBySource(String prefix) {
		int count = 0;
		int page = 0;
		while (true) {
			JsonNode body = http.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&size=500&page=" + page).expect(200).body();
			for (JsonNode item : body.path("items")) {
				if (item.path("externalId").asText().startsWith(prefix)) {
					count++;
				}
			}
			if (++page >= body.path("totalPages").asInt()) {
				return count;
			}
		}
	}

	// ---- W2/W3/W7: employees

	/**
	 * Captures the work first (a backlog), then brings the simulated employees in at once (shift start) and lets them work
	 * until every task is completed or {@code timeoutSeconds} pass. With {@code waves > 1} the same number of tasks is
	 * captured again each time the previous wave is done, while the employees wait ready: those tasks meet idle
	 * employees (W2 "task queued -> offer", and W7 re-offers with someone free to take them). The latencies of the first
	 * {@code warmupWaves} (the shift-start wave counts as the first) are dropped, so the rows show a warmed-up platform;
	 * correctness counts every wave.
	 */
	public Verdict employees(EmployeeWorkload workload, int waves, int warmupWaves, int timeoutSeconds, Results results)
			throws Exception {
		if (warmupWaves < 0 || (warmupWaves > 0 && warmupWaves >= waves)) {
			throw new IllegalArgumentException("warmupWaves must be between 0 and waves - 1, was " + warmupWaves);
		}
		String type = setUpWork("work", workload.offerTimeout());
		for (int i = 0; i < workload.employees(); i++) {
			Map<String, Object> profile = Map.of("displayName", agent(i), "team", "bench", "department", "bench", "skills",
					Map.of(skill("work"), 5), "channelCapacity", Map.of("case", workload.capacity()), "totalCapacity",
					workload.capacity());
			http.put("admin", "/api/v1/employees/" + agent(i), profile).expect(200, 201);
		}
		Observations seen = new Observations();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < workload.tasks(); i++) {
			Http.Response r = http.post("connector", "/api/v1/tasks", task(type, "work-" + i)).expect(201);
			ids.add(r.body().path("id").asText());
		}
		WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(8);
		List<SimulatedEmployee> people = new ArrayList<>();
		try {
			for (int i = 0; i < workload.employees(); i++) {
				SimulatedEmployee e = new SimulatedEmployee(agent(i), http, workload, seen, scheduler, 1000L + i);
				e.connect(stomp);
				people.add(e);
			}
			long start = System.nanoTime();
			for (SimulatedEmployee e : people) {
				e.ready();
			}
			long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			awaitCompleted(seen, ids, deadline);
			if (warmupWaves == 1) {
				seen.dropLatencies();
			}
			for (int wave = 1; wave < waves && System.nanoTime() < deadline; wave++) {
				for (int i = 0; i < workload.tasks(); i++) {
					long queued = System.nanoTime();
					Http.Response r = http.post("connector", "/api/v1/tasks", task(type, "work-" + wave + "-" + i)).expect(201);
					String id = r.body().path("id").asText();
					seen.captured(id, queued);
					ids.add(id);
				}
				awaitCompleted(seen, ids, deadline);
				if (wave + 1 == warmupWaves) {
					seen.dropLatencies();
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			String w = "W2/W7 employees";
			results.add(w, "completed tasks per second", seen.completed.size() / seconds, "1/s",
					workload.employees() + " employees, " + ids.size() + " tasks, " + round(seconds) + " s"
							+ (warmupWaves > 0 ? "; latencies of the first " + warmupWaves + " waves dropped" : ""));
			if (waves == 1) {
				// with waves, an employee free between two waves waits for work, not for the platform
				results.latency(w, "employee free -> offer received", seen.freeToOffer, TimeUnit.MILLISECONDS);
			}
			results.latency(w, "reject -> re-offer received (all)", seen.rejectToOffer, TimeUnit.MILLISECONDS);
			results.latency(w, "reject -> re-offer received, to an employee already free (W7)", seen.rejectToIdleOffer,
					TimeUnit.MILLISECONDS);
			if (waves > 1) {
				results.latency(w, "task captured (request sent) -> offer received, employees waiting", seen.queuedToOffer,
						TimeUnit.MILLISECONDS);
			}
			results.latency(w, "offer deadline -> re-offer received", seen.expiryToOffer, TimeUnit.MILLISECONDS);
			results.add(w, "offers / rejects / expiries", seen.offers.get(), "count",
					seen.rejects.get() + " rejected, " + seen.expiries.get() + " expired");
			results.add(w, "double offers seen by the inboxes", seen.doubleOffers.get(), "count", "target 0");
		}
		finally {
			sendHome(people, scheduler, stomp);
		}
		// nothing lost, nothing twice: ask the server for every task's state and history
		int lost = 0;
		int duplicates = 0;
		for (String id : ids) {
			JsonNode task = http.get("supervisor", "/api/v1/tasks/" + id).expect(200).body();
			long completes = 0;
			for (JsonNode entry : task.path("history")) {
				if (entry.path("action").asText().equals("COMPLETE")) {
					completes++;
				}
			}
			if (!task.path("task").path("state").asText().equals("COMPLETED")) {
				lost++;
				seen.error("task " + id + " ended " + task.path("task").path("state").asText());
			}
			if (completes > 1) {
				duplicates++;
			}
		}
		return new Verdict(ids.size(), seen.completed.size(), lost, duplicates + seen.duplicateCompletions.get(),
				seen.doubleOffers.get(), List.copyOf(seen.errors));
	}

	/** Takes the simulated employees offline (best effort) and closes their sessions and threads. */
	private static void sendHome(List<SimulatedEmployee> people, ScheduledExecutorService scheduler,
			WebSocketStompClient stomp) {
		for (SimulatedEmployee e : people) {
			try {
				e.offline();
			}
			catch (RuntimeException ignored) {
				// best effort
			}
			e.close();
		}
		scheduler.shutdownNow();
		stomp.stop();
	}

	private static void awaitCompleted(Observations seen, List<String> ids, long deadlineNanos) throws InterruptedException {
		while (!seen.completed.containsAll(ids) && System.nanoTime() < deadlineNanos) {
			TimeUnit.MILLISECONDS.sleep(20);
		}
	}

	// ---- W7: cascade

	/**
	 * A routing profile with a 3-step cascade: {@code skill>=9}, then {@code skill>=7} after {@code step}, then anyone with
	 * the skill after another {@code step}. The employees have the skill at proficiency 5, so only the third step reaches
	 * them: each task waits through two widenings, and the offer must come right after the second. Tasks are captured one
	 * by one, {@code spacingMillis} apart; the employees accept at once and complete after a short handle time.
	 * Measures offer received - (waiting since + 2 x step); an offer before that instant is an error. The employees are
	 * the first {@code employees} bench agents, with their skills replaced.
	 */
	public Verdict cascade(int employees, int tasks, Duration step, int spacingMillis, int timeoutSeconds, Results results)
			throws Exception {
		String skill = skill("cascade");
		String type = setUpWork("cascade", "PT30S", List.of(Map.of("skills", skill + ">=9", "waitBeforeWidening", step.toString()),
				Map.of("skills", skill + ">=7", "waitBeforeWidening", step.toString()), Map.of("skills", skill)));
		for (int i = 0; i < employees; i++) {
			Map<String, Object> profile = Map.of("displayName", agent(i), "team", "bench", "department", "bench",
					"skills", Map.of(skill, 5), "channelCapacity", Map.of("case", 1), "totalCapacity", 1);
			http.put("admin", "/api/v1/employees/" + agent(i), profile).expect(200, 201);
		}
		EmployeeWorkload workload = new EmployeeWorkload(employees, 1, tasks, 0, 0, 0, 0, 50, 150, "PT30S");
		Observations seen = new Observations();
		List<String> ids = new ArrayList<>();
		WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
		List<SimulatedEmployee> people = new ArrayList<>();
		try {
			for (int i = 0; i < employees; i++) {
				SimulatedEmployee e = new SimulatedEmployee(agent(i), http, workload, seen, scheduler, 2000L + i);
				e.connect(stomp);
				e.ready();
				people.add(e);
			}
			long start = System.nanoTime();
			long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			for (int i = 0; i < tasks; i++) {
				JsonNode created = http.post("connector", "/api/v1/tasks", task(type, "cascade-" + i)).expect(201).body();
				String id = created.path("id").asText();
				String since = created.path("waitingSince").asText(null);
				if (since == null || since.isEmpty() || since.equals("null")) {
					since = http.get("supervisor", "/api/v1/tasks/" + id).expect(200).body().path("task").path("waitingSince")
						.asText(null);
				}
				if (since == null || since.isEmpty() || since.equals("null")) {
					seen.error("task " + id + " has no waitingSince after capture");
				}
				else {
					seen.cascadeWidensAt.put(id, Instant.parse(since).plus(step.multipliedBy(2)).toEpochMilli());
				}
				ids.add(id);
				TimeUnit.MILLISECONDS.sleep(spacingMillis);
			}
			awaitCompleted(seen, ids, deadline);
			String w = "W7 cascade";
			results.latency(w, "last cascade step due -> offer received", seen.cascadeLateness, TimeUnit.MILLISECONDS);
			results.add(w, "tasks offered at the third step / captured", seen.offeredOnce.size(), "count",
					ids.size() + " captured; steps of " + step + "; " + employees + " employees at proficiency 5");
		}
		finally {
			sendHome(people, scheduler, stomp);
		}
		int lost = 0;
		for (String id : ids) {
			String state = http.get("supervisor", "/api/v1/tasks/" + id).expect(200).body().path("task").path("state").asText();
			if (!state.equals("COMPLETED")) {
				lost++;
				seen.error("cascade task " + id + " ended " + state);
			}
		}
		return new Verdict(ids.size(), seen.completed.size(), lost, seen.duplicateCompletions.get(), seen.doubleOffers.get(),
				List.copyOf(seen.errors));
	}

	/** What the simulated inboxes saw, shared by all of them. */
	static final class Observations {

		private record Holding(String employee, long expiresAtMillis) {
		}

		final Map<String, Holding> holders = new ConcurrentHashMap<>();

		final Map<String, Long> rejectedAt = new ConcurrentHashMap<>();

		final Map<String, Long> expiredDeadline = new ConcurrentHashMap<>();

		final Set<String> completed = ConcurrentHashMap.newKeySet();

		final Set<String> offeredOnce = ConcurrentHashMap.newKeySet();

		final Histogram freeToOffer = Results.histogram();

		final Histogram rejectToOffer = Results.histogram();

		/** Re-offers that went to an employee who was free before the reject: the platform had no one to wait for. */
		final Histogram rejectToIdleOffer = Results.histogram();

		/** Tasks captured while employees wait: capture start (nanos) until the first offer. */
		final Map<String, Long> queuedAt = new ConcurrentHashMap<>();

		final Histogram queuedToOffer = Results.histogram();

		/**
		 * First offer of each task (nanos). The offer can reach the inbox before the capture's answer reaches the bench;
		 * without this such a task would be timed to its second offer.
		 */
		private final Map<String, Long> firstOfferAt = new ConcurrentHashMap<>();

		/** A task of a wave was captured: its request was sent at {@code sentNanos}. */
		void captured(String task, long sentNanos) {
			synchronized (queuedAt) {
				Long offered = firstOfferAt.get(task);
				if (offered != null) {
					record(queuedToOffer, offered - sentNanos);
				}
				else {
					queuedAt.put(task, sentNanos);
				}
			}
		}

		/** Tasks of the cascade run: the instant (epoch ms) their last cascade step applies. */
		final Map<String, Long> cascadeWidensAt = new ConcurrentHashMap<>();

		final Histogram cascadeLateness = Results.histogram();

		final Histogram expiryToOffer = Results.histogram();

		final AtomicInteger offers = new AtomicInteger();

		final AtomicInteger rejects = new AtomicInteger();

		final AtomicInteger expiries = new AtomicInteger();

		final AtomicInteger doubleOffers = new AtomicInteger();

		final AtomicInteger duplicateCompletions = new AtomicInteger();

		final List<String> errors = new CopyOnWriteArrayList<>();

		/** Forgets the latencies seen so far (warm-up), between two waves, when no offer is under way. */
		void dropLatencies() {
			for (Histogram h : List.of(freeToOffer, rejectToOffer, rejectToIdleOffer, queuedToOffer, expiryToOffer)) {
				synchronized (h) {
					h.reset();
				}
			}
		}

		void offered(String task, String employee, long now, long freedAt, long expiresAtMillis) {
			offers.incrementAndGet();
			long nowMillis = System.currentTimeMillis();
			Holding previous = holders.get(task);
			if (previous != null && !previous.employee().equals(employee) && previous.expiresAtMillis() > nowMillis) {
				doubleOffers.incrementAndGet();
				errors.add("task " + task + " offered to " + employee + " while " + previous.employee() + " held it");
			}
			// an unaccepted offer is held until its deadline; an accepted one until the employee lets go of it
			holders.put(task, new Holding(employee, expiresAtMillis));
			Long queued;
			synchronized (queuedAt) {
				firstOfferAt.putIfAbsent(task, now);
				queued = queuedAt.remove(task);
			}
			if (queued != null) {
				record(queuedToOffer, now - queued);
			}
			// an employee free before the task was captured waited for work, not for the platform
			if (freedAt != 0 && (queued == null || queued < freedAt)) {
				record(freeToOffer, now - freedAt);
			}
			Long rejected = rejectedAt.remove(task);
			if (rejected != null) {
				record(rejectToOffer, now - rejected);
				if (freedAt != 0 && freedAt <= rejected) {
					record(rejectToIdleOffer, now - rejected);
				}
			}
			Long widensAt = cascadeWidensAt.remove(task);
			if (widensAt != null) {
				if (nowMillis < widensAt) {
					errors.add("task " + task + " offered to " + employee + " " + (widensAt - nowMillis)
							+ " ms before its cascade reached a step that employee is on");
				}
				record(cascadeLateness, Math.max(0, nowMillis - widensAt) * 1_000_000);
			}
			Long deadline = expiredDeadline.remove(task);
			if (deadline != null) {
				record(expiryToOffer, Math.max(0, nowMillis - deadline) * 1_000_000);
			}
			offeredOnce.add(task);
		}

		void accepted(String task, String employee) {
			holders.computeIfPresent(task, (t, h) -> h.employee().equals(employee) ? new Holding(employee, Long.MAX_VALUE) : h);
		}

		void expired(String task, String employee, long deadlineMillis) {
			expiries.incrementAndGet();
			releasing(task, employee);
			expiredDeadline.put(task, deadlineMillis);
		}

		void rejecting(String task, String employee) {
			Holding h = holders.get(task);
			if (h != null && h.employee().equals(employee)) {
				holders.remove(task, h);
			}
			rejectedAt.put(task, System.nanoTime());
		}

		void rejected(String task, String employee, long at) {
			rejects.incrementAndGet();
		}

		void releasing(String task, String employee) {
			Holding h = holders.get(task);
			if (h != null && h.employee().equals(employee)) {
				holders.remove(task, h);
			}
		}

		void completed(String task, String employee) {
			if (!completed.add(task)) {
				duplicateCompletions.incrementAndGet();
			}
		}

		void refused(String task, String employee, String action, Http.Response response) {
			// a lost race (offer expired just before the accept) is a normal outcome, not an error
			if (response.status() != 409) {
				errors.add(employee + " " + action + " " + task + ": HTTP " + response.status() + " " + response.text());
			}
		}

		void error(String text) {
			errors.add(text);
		}

		private static void record(Histogram h, long nanos) {
			synchronized (h) {
				h.recordValue(Math.max(0, Math.min(nanos, h.getHighestTrackableValue())));
			}
		}

	}

	private static double round(double seconds) {
		return Math.round(seconds * 10) / 10.0;
	}

	static Instant now() {
		return Instant.now();
	}

}
