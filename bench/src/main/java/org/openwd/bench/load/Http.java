package org.openwd.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON client of the OpenWD REST API with HTTP Basic users whose password is their name (demo/bench users). */
public final class Http {

	public record Response(int status, JsonNode body, String text) {

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

	private java.util.concurrent.CompletableFuture<Response> sendAsync(String user, HttpRequest.Builder request,
			String contentType) {
		return client.sendAsync(prepare(user, request, contentType), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
			try {
				return response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException("HTTP answer unreadable: " + ex.getMessage(), ex);
			}
		});
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
		return new Response(response.statusCode(), body, text);
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
