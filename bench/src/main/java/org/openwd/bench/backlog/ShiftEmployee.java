package org.openwd.bench.backlog;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.openwd.bench.load.Http;
import org.openwd.bench.load.InboxClient;

/**
 * One employee of the shift-start and reprioritisation runs: a real STOMP inbox session ({@link InboxClient}, as the
 * browser and the load harness's {@code SimulatedEmployee} open it), who goes READY once, then accepts every offer
 * after a think time and completes it after a handle time. It reports when it went ready, each offer (with the time
 * since it was last free) and each completion to {@link ShiftObservations}.
 * <p>
 * Cheap to simulate by the thousand: no thread of its own and none held while a request is under way. Its REST calls
 * are asynchronous ({@link Http#putAsync}); the shared scheduler only starts them at their time, so a READY wave
 * leaves the bench when it is due, not when one of a pool of blocking threads is free.
 */
final class ShiftEmployee implements InboxClient.Listener {

	private final String id;

	private final Http http;

	private final ShiftObservations seen;

	private final ScheduledExecutorService scheduler;

	private final SplittableRandom random;

	private final int[] think;

	private final int[] handle;

	private InboxClient inbox;

	private volatile long readyAt;

	private volatile long freedAt;

	private volatile boolean firstSeen;

	ShiftEmployee(String id, Http http, ShiftObservations seen, ScheduledExecutorService scheduler, long seed, int[] think,
			int[] handle) {
		this.id = id;
		this.http = http;
		this.seen = seen;
		this.scheduler = scheduler;
		this.random = new SplittableRandom(seed);
		this.think = think;
		this.handle = handle;
	}

	String id() {
		return id;
	}

	void connect(WebSocketStompClient stomp) throws Exception {
		inbox = InboxClient.connect(stomp, http.base(), id, Duration.ofSeconds(60), this);
	}

	/**
	 * Goes READY; the clock for "ready -> first offer" starts before the request is sent. The answer completes the
	 * returned future (also when it is an error, which is reported).
	 */
	CompletableFuture<Void> ready() {
		long at = System.nanoTime();
		readyAt = at;
		freedAt = at;
		return http.putAsync(id, "/api/v1/me/presence", Map.of("state", "READY")).handle((r, ex) -> {
			if (ex != null || r.status() != 200) {
				seen.error(id + " ready: " + (ex != null ? ex : "HTTP " + r.status() + " " + r.text()));
			}
			else {
				seen.readyAnswered(System.nanoTime() - at);
			}
			return null;
		});
	}

	void offline() {
		http.put(id, "/api/v1/me/presence", Map.of("state", "OFFLINE")).expect(200);
	}

	@Override
	public void error(String what) {
		seen.error(what);
	}

	@Override
	public void message(JsonNode message) {
		String type = message.path("type").asText();
		JsonNode payload = message.path("payload");
		String task = payload.path("taskId").asText();
		long now = System.nanoTime();
		if (!type.equals("offer") && !type.equals("assigned")) {
			if (type.equals("offer-expired")) {
				seen.released(task, id);
				seen.error(id + " let offer " + task + " expire (the bench accepts every offer)");
				scheduler.schedule(this::ready, 200, TimeUnit.MILLISECONDS);
			}
			return;
		}
		boolean first = !firstSeen;
		firstSeen = true;
		long free = freedAt;
		freedAt = 0;
		seen.offered(task, id, payload.path("routingProfile").asText(), now, first ? now - readyAt : -1,
				!first && free != 0 ? now - free : -1);
		if (type.equals("offer")) {
			scheduler.schedule(() -> accept(task), between(think), TimeUnit.MILLISECONDS);
		}
		else {
			scheduler.schedule(() -> complete(task), between(handle), TimeUnit.MILLISECONDS);
		}
	}

	private long between(int[] range) {
		synchronized (random) {
			return range[0] + random.nextInt(Math.max(1, range[1] - range[0] + 1));
		}
	}

	private void accept(String task) {
		http.postAsync(id, "/api/v1/me/tasks/" + task + "/accept", Map.of()).whenComplete((r, ex) -> {
			if (ex != null) {
				failed("accept", ex);
			}
			else if (r.status() == 200) {
				schedule(() -> complete(task), between(handle));
			}
			else if (r.status() != 409) {
				seen.error(id + " accept " + task + ": HTTP " + r.status() + " " + r.text());
			}
		});
	}

	private void complete(String task) {
		seen.released(task, id);
		http.postAsync(id, "/api/v1/me/tasks/" + task + "/complete", Map.of("outcome", "done")).whenComplete((r, ex) -> {
			if (ex != null) {
				failed("complete", ex);
			}
			else if (r.status() == 200) {
				freedAt = System.nanoTime();
				seen.completed(task);
			}
			else {
				seen.error(id + " complete " + task + ": HTTP " + r.status() + " " + r.text());
			}
		});
	}

	/** Schedules follow-up work unless the run is over (the scheduler was shut down). */
	private void schedule(Runnable job, long delayMillis) {
		if (!scheduler.isShutdown()) {
			try {
				scheduler.schedule(job, delayMillis, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException endOfRun) {
				// the run is over
			}
		}
	}

	/** A call that failed; not reported when the run is over (the scheduler was shut down meanwhile). */
	private void failed(String what, Throwable ex) {
		if (!scheduler.isShutdown()) {
			seen.error(id + " " + what + ": " + ex.getMessage());
		}
	}

	void close() {
		if (inbox != null) {
			inbox.close();
		}
	}

}
