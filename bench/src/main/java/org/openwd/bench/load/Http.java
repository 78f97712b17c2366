package org.openwd.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON client of the OpenWD REST API with HTTP Basic users whose password is their name (demo/bench users). */
public final class Http {

	public record Response(int status, JsonNode body, String text, long retryAfterSeconds) {

		public Response expect(int... statuses) {
			for (int s : statuses) {
				if (s == status) {
					return this;
				}
			}
			throw new IllegalStateException("unexpected HTTP " + status + ": " + text);
		}

	}

	static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final HttpClient client;

	/** How often an answer "503 service-busy, nothing changed" is sent again. */
	static final int BUSY_RETRIES = 4;

	private final AtomicLong busyRetries = new AtomicLong();

	public Http(String base) {
		this(base, null);
	}

	/**
	 * A client whose asynchronous work (connections, response bodies, the {@code *Async} calls' completions) runs on
	 * {@code executor}, e.g. a small fixed pool shared by thousands of simulated employees; {@code null}: the JDK's
	 * default (a cached pool that grows with the requests in flight).
	 */
	public Http(String base, java.util.concurrent.Executor executor) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
		if (executor != null) {
			builder.executor(executor);
		}
		this.client = builder.build();
	}

	public String base() {
		return base;
	}

	public Response get(String user, String path) {
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
	}

	public Response post(String user, String path, Object body) {
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).POST(json(body)), "application/json");
	}

	public Response put(String user, String path, Object body) {
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).PUT(json(body)), "application/json");
	}

	/** {@link #post} without holding a thread while the request is under way. */
	public java.util.concurrent.CompletableFuture<Response> postAsync(String user, String path, Object body) {
		return sendAsync(user, HttpRequest.newBuilder(URI.create(base + path)).POST(json(body)), "application/json");
	}

	/** {@link #put} without holding a thread while the request is under way. */
	public java.util.concurrent.CompletableFuture<Response> putAsync(String user, String path, Object body) {
		return sendAsync(user, HttpRequest.newBuilder(URI.create(base + path)).PUT(json(body)), "application/json");
	}

	public Response postXml(String user, String path, String xml) {
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(xml)),
				"application/xml");
	}

	private static HttpRequest.BodyPublisher json(Object body) {
		try {
			return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * Like the web inbox: an answer "503 service-busy, nothing changed" is sent again after its Retry-After plus up to half
	 * of it at random, at most {@value #BUSY_RETRIES} times.
	 */
	private java.util.concurrent.CompletableFuture<Response> sendAsync(String user, HttpRequest.Builder request,
			String contentType) {
		return sendAsync(prepare(user, request, contentType), 0);
	}

	/** How many requests were sent again because the platform answered them busy without changing anything. */
	public long busyRetries() {
		return busyRetries.get();
	}

	private java.util.concurrent.CompletableFuture<Response> sendAsync(HttpRequest request, int attempt) {
		return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
			try {
				return response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException("HTTP answer unreadable: " + ex.getMessage(), ex);
			}
		}).thenCompose(answer -> {
			long delay = attempt < BUSY_RETRIES ? busyRetryDelayMillis(answer) : -1;
			if (delay < 0) {
				return CompletableFuture.completedFuture(answer);
			}
			busyRetries.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
				.thenCompose(ignored -> sendAsync(request, attempt + 1));
		});
	}

	/** The wait before repeating a request refused as busy with nothing changed, or -1 when it must not be repeated. */
	static long busyRetryDelayMillis(Response answer) {
		if (answer.status() != 503 || answer.body() == null
				|| !answer.body().path("type").asText().equals("https://openwd.org/problems/service-busy")
				|| !answer.body().path("changed").isBoolean() || answer.body().path("changed").asBoolean()) {
			return -1;
		}
		long base = 1000 * Math.min(10, Math.max(1, answer.retryAfterSeconds()));
		return base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2 + 1);
	}

	private static HttpRequest prepare(String user, HttpRequest.Builder request, String contentType) {
		request.timeout(Duration.ofSeconds(60));
		if (user != null) {
			request.header("Authorization", basic(user));
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return request.build();
	}

	private static Response response(HttpResponse<String> response) throws IOException {
		String text = response.body();
		JsonNode body = null;
		if (text != null && !text.isEmpty() && (text.startsWith("{") || text.startsWith("["))) {
			body = JSON.readTree(text);
		}
		long retryAfter = response.headers().firstValue("Retry-After").map(v -> {
			try {
				return Long.parseLong(v.trim());
			}
			catch (NumberFormatException notSeconds) {
				return 1L;
			}
		}).orElse(0L);
		return new Response(response.statusCode(), body, text, retryAfter);
	}

	private Response send(String user, HttpRequest.Builder request, String contentType) {
		try {
			return response(client.send(prepare(user, request, contentType), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
	}

}
