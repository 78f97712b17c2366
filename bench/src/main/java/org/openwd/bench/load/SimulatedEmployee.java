package org.openwd.bench.load;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One simulated back-office employee: a real STOMP-over-WebSocket inbox session plus REST calls, exactly what the
 * browser inbox does. It goes ready, and for each offer pushed to it waits a think time and then accepts (and completes
 * after a handle time), rejects, or lets the offer expire (then goes ready again), with the configured shares.
 */
public final class SimulatedEmployee {

	private final String id;

	private final Http http;

	private final LoadGenerator.EmployeeWorkload workload;

	private final LoadGenerator.Observations seen;

	private final ScheduledExecutorService scheduler;

	private final SplittableRandom random;

	private StompSession session;

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
		String token = csrfToken(http.base());
		WebSocketHttpHeaders handshake = handshake(id, token);
		StompHeaders connect = connectHeaders(token);
		URI endpoint = URI.create(http.base().replaceFirst("^http", "ws") + "/ws");
		session = stomp.connectAsync(endpoint, handshake, connect, new StompSessionHandlerAdapter() {

			@Override
			public void handleTransportError(StompSession s, Throwable exception) {
				seen.error(id + " transport: " + exception);
			}

		}).get(30, TimeUnit.SECONDS);
		session.subscribe("/user/queue/inbox", new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				try {
					onMessage(Http.JSON.readTree((byte[]) payload));
				}
				catch (IOException | RuntimeException ex) {
					seen.error(id + " message: " + ex);
				}
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
		if (session != null && session.isConnected()) {
			session.disconnect();
		}
	}

	private static final HttpClient LOGIN_PAGE = HttpClient.newHttpClient();

	/** The CSRF token as a browser gets it: from the cookie that the login page sets. */
	public static String csrfToken(String base) throws IOException, InterruptedException {
		return csrfToken(base, LOGIN_PAGE);
	}

	/** {@link #csrfToken(String)} with a client of the caller's (its own timeouts and connection pool). */
	public static String csrfToken(String base, HttpClient client) throws IOException, InterruptedException {
		HttpResponse<Void> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
				HttpResponse.BodyHandlers.discarding());
		return login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("XSRF-TOKEN="))
			.map(c -> c.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
			.filter(v -> !v.isEmpty())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("GET /login set no XSRF-TOKEN cookie"));
	}

	/** A browser-like inbox handshake for a bench login (password = name): Basic plus the CSRF cookie. */
	public static WebSocketHttpHeaders handshake(String user, String token) {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Authorization", Http.basic(user));
		handshake.add("Cookie", "XSRF-TOKEN=" + token);
		return handshake;
	}

	/** The STOMP CONNECT headers that echo the CSRF token. */
	public static StompHeaders connectHeaders(String token) {
		StompHeaders connect = new StompHeaders();
		connect.add("X-XSRF-TOKEN", token);
		return connect;
	}

}
