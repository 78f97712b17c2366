package org.openwd.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One simulated back-office employee: a real STOMP-over-WebSocket inbox session ({@link InboxClient}) plus REST calls,
 * exactly what the browser inbox does. It goes ready, and for each offer pushed to it waits a think time and then accepts (and completes
 * after a handle time), rejects, or lets the offer expire (then goes ready again), with the configured shares.
 */
public final class SimulatedEmployee {

	private final String id;

	private final Http http;

	private final LoadGenerator.EmployeeWorkload workload;

	private final LoadGenerator.Observations seen;

	private final ScheduledExecutorService scheduler;

	private final SplittableRandom random;

	private InboxClient inbox;

	/** When this employee last became free (ready again, or a task left them), for "ready -> offer" latency. */
	private volatile long freedAt;

	SimulatedEmployee(String id, Http http, LoadGenerator.EmployeeWorkload workload, LoadGenerator.Observations seen,
			ScheduledExecutorService scheduler, long seed) {
		this.id = id;
		this.http = http;
		this.workload = workload;
		this.seen = seen;
		this.scheduler = scheduler;
		this.random = new SplittableRandom(seed);
	}

	void connect(WebSocketStompClient stomp) throws Exception {
		inbox = InboxClient.connect(stomp, http.base(), id, Duration.ofSeconds(30), new InboxClient.Listener() {

			@Override
			public void message(JsonNode message) {
				onMessage(message);
			}

			@Override
			public void error(String what) {
				seen.error(what);
			}

		});
	}

	void ready() {
		freedAt = System.nanoTime();
		presence("READY");
	}

	void offline() {
		presence("OFFLINE");
	}

	private void presence(String state) {
		http.put(id, "/api/v1/me/presence", Map.of("state", state)).expect(200);
	}

	private void onMessage(JsonNode message) {
		String type = message.path("type").asText();
		String task = message.path("payload").path("taskId").asText();
		long now = System.nanoTime();
		String expires = message.path("payload").path("offerExpiresAt").asText(null);
		long deadline = expires == null ? Long.MAX_VALUE : java.time.Instant.parse(expires).toEpochMilli();
		switch (type) {
			case "offer" -> {
				seen.offered(task, id, now, freedAt, deadline);
				freedAt = 0;
				double r = random.nextDouble();
				long think = workload.thinkMillis(random);
				if (r < workload.rejectShare()) {
					scheduler.schedule(() -> reject(task), think, TimeUnit.MILLISECONDS);
				}
				else if (r >= workload.rejectShare() + workload.expireShare()) {
					scheduler.schedule(() -> accept(task), think, TimeUnit.MILLISECONDS);
				}
			}
			case "assigned" -> {
				seen.offered(task, id, now, freedAt, Long.MAX_VALUE);
				freedAt = 0;
				scheduler.schedule(() -> complete(task), workload.handleMillis(random), TimeUnit.MILLISECONDS);
			}
			case "offer-expired" -> {
				seen.expired(task, id, deadline == Long.MAX_VALUE ? System.currentTimeMillis() : deadline);
				// the platform put us NOT_READY "missed-offer"; come back after a short pause, as people do
				scheduler.schedule(this::safeReady, 200, TimeUnit.MILLISECONDS);
			}
			default -> {
				// presence echoes and other messages are not part of the workload
			}
		}
	}

	private void safeReady() {
		try {
			ready();
		}
		catch (RuntimeException ex) {
			seen.error(id + " ready: " + ex.getMessage());
		}
	}

	private void reject(String task) {
		try {
			seen.rejecting(task, id);
			Http.Response r = http.post(id, "/api/v1/me/tasks/" + task + "/reject", Map.of("reason", "busy"));
			if (r.status() == 200) {
				seen.rejected(task, id, System.nanoTime());
				freedAt = System.nanoTime();
			}
			else {
				seen.refused(task, id, "reject", r);
			}
		}
		catch (RuntimeException ex) {
			seen.error(id + " reject: " + ex.getMessage());
		}
	}

	private void accept(String task) {
		try {
			Http.Response r = http.post(id, "/api/v1/me/tasks/" + task + "/accept", Map.of());
			if (r.status() == 200) {
				seen.accepted(task, id);
				scheduler.schedule(() -> complete(task), workload.handleMillis(random), TimeUnit.MILLISECONDS);
			}
			else {
				seen.refused(task, id, "accept", r);
			}
		}
		catch (RuntimeException ex) {
			seen.error(id + " accept: " + ex.getMessage());
		}
	}

	private void complete(String task) {
		try {
			seen.releasing(task, id);
			Http.Response r = http.post(id, "/api/v1/me/tasks/" + task + "/complete", Map.of("outcome", "done"));
			if (r.status() == 200) {
				freedAt = System.nanoTime();
				seen.completed(task, id);
			}
			else {
				seen.refused(task, id, "complete", r);
			}
		}
		catch (RuntimeException ex) {
			seen.error(id + " complete: " + ex.getMessage());
		}
	}

	void close() {
		if (inbox != null) {
			inbox.close();
		}
	}

}
