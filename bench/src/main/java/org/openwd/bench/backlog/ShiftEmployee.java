package org.openwd.bench.backlog;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.openwd.bench.load.Http;
import org.openwd.bench.load.SimulatedEmployee;

/**
 * One employee of the shift-start and reprioritisation runs: a real STOMP inbox session (CSRF cookie and token, Basic
 * login, as the browser and the load harness's {@code SimulatedEmployee} do), who goes READY once, then accepts every
 * offer after a think time and completes it after a handle time. It reports when it went ready, each offer (with the
 * time since it was last free) and each completion to {@link ShiftObservations}.
 */
final class ShiftEmployee {

	static final ObjectMapper JSON = new ObjectMapper();

	private final String id;

	private final Http http;

	private final ShiftObservations seen;

	private final ScheduledExecutorService scheduler;

	private final SplittableRandom random;

	private final int[] think;

	private final int[] handle;

	private StompSession session;

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
		String token = SimulatedEmployee.csrfToken(http.base());
		WebSocketHttpHeaders handshake = SimulatedEmployee.handshake(id, token);
		StompHeaders connect = SimulatedEmployee.connectHeaders(token);
		URI endpoint = URI.create(http.base().replaceFirst("^http", "ws") + "/ws");
		session = stomp.connectAsync(endpoint, handshake, connect, new StompSessionHandlerAdapter() {

			@Override
			public void handleTransportError(StompSession s, Throwable exception) {
				if (session != null) {
					// a failed handshake is reported (and retried) by the caller of connect
					seen.error(id + " transport: " + exception);
				}
			}

		}).get(60, TimeUnit.SECONDS);
		session.subscribe("/user/queue/inbox", new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				try {
					onMessage(JSON.readTree((byte[]) payload));
				}
				catch (IOException | RuntimeException ex) {
					seen.error(id + " message: " + ex);
				}
			}

		});
	}

	/** Goes READY; the clock for "ready -> first offer" starts before the request is sent. */
	void ready() {
		readyAt = System.nanoTime();
		freedAt = readyAt;
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
		JsonNode payload = message.path("payload");
		String task = payload.path("taskId").asText();
		long now = System.nanoTime();
		if (!type.equals("offer") && !type.equals("assigned")) {
			if (type.equals("offer-expired")) {
				seen.released(task, id);
				seen.error(id + " let offer " + task + " expire (the bench accepts every offer)");
				scheduler.schedule(this::safeReady, 200, TimeUnit.MILLISECONDS);
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
		return range[0] + random.nextInt(Math.max(1, range[1] - range[0] + 1));
	}

	private void safeReady() {
		try {
			ready();
		}
		catch (RuntimeException ex) {
			seen.error(id + " ready: " + ex.getMessage());
		}
	}

	private void accept(String task) {
		try {
			Http.Response r = http.post(id, "/api/v1/me/tasks/" + task + "/accept", Map.of());
			if (r.status() == 200) {
				scheduler.schedule(() -> complete(task), between(handle), TimeUnit.MILLISECONDS);
			}
			else if (r.status() != 409) {
				seen.error(id + " accept " + task + ": HTTP " + r.status() + " " + r.text());
			}
		}
		catch (RuntimeException ex) {
			if (!endOfRun(ex)) {
				seen.error(id + " accept: " + ex.getMessage());
			}
		}
	}

	private void complete(String task) {
		try {
			seen.released(task, id);
			Http.Response r = http.post(id, "/api/v1/me/tasks/" + task + "/complete", Map.of("outcome", "done"));
			if (r.status() == 200) {
				freedAt = System.nanoTime();
				seen.completed(task);
			}
			else {
				seen.error(id + " complete " + task + ": HTTP " + r.status() + " " + r.text());
			}
		}
		catch (RuntimeException ex) {
			if (!endOfRun(ex)) {
				seen.error(id + " complete: " + ex.getMessage());
			}
		}
	}

	/** A call cut short because the run is over (the scheduler was shut down): not an error of the platform. */
	private static boolean endOfRun(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException) {
				return true;
			}
		}
		return Thread.currentThread().isInterrupted();
	}

	void close() {
		if (session != null && session.isConnected()) {
			session.disconnect();
		}
	}

}
