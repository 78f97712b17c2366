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

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	public Http(String base) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
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

	private Response send(String user, HttpRequest.Builder request, String contentType) {
		request.timeout(Duration.ofSeconds(60));
		if (user != null) {
			request.header("Authorization", basic(user));
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String text = response.body();
			JsonNode body = null;
			if (text != null && !text.isEmpty() && (text.startsWith("{") || text.startsWith("["))) {
				body = JSON.readTree(text);
			}
			return new Response(response.statusCode(), body, text);
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
