package org.openwd.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A real HTTP client for the REST API, as a connector or a browser-less user would call it. */
public final class Api {

	public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

	private final String base;

	private final HttpClient http = HttpClient.newHttpClient();

	public Api(String base) {
		this.base = base;
	}

	/** An answer: status, headers and JSON body (MissingNode when empty or not JSON). */
	public record Response(int status, JsonNode body, HttpResponse<String> raw) {

		public String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}

		public String text(String field) {
			return body.path(field).asText(null);
		}

		@Override
		public String toString() {
			return status + " " + raw.body();
		}

	}

	public Response get(String user, String path) {
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
	}

	public Response post(String user, String path, Object body) {
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).POST(json(body)), Map.of("Content-Type", "application/json"));
	}

	public Response patch(String user, String path, Object body, Map<String, String> headers) {
		Map<String, String> all = new java.util.HashMap<>(headers);
		all.put("Content-Type", "application/json");
		return send(user, HttpRequest.newBuilder(URI.create(base + path)).method("PATCH", json(body)), all);
	}

	public Response send(String user, HttpRequest.Builder request, Map<String, String> headers) {
		if (user != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body;
			try {
				body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
			}
			catch (IOException notJson) {
				body = MissingNode.getInstance();
			}
			return new Response(response.statusCode(), body, response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String base() {
		return base;
	}

	static HttpRequest.BodyPublisher json(Object body) {
		try {
			return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A capture request with a fresh external id. */
	public static Map<String, Object> newTask(String source) {
		return new java.util.LinkedHashMap<>(Map.of("sourceSystem", source, "externalId", "EXT-" + UUID.randomUUID(), "type",
				"claim", "title", "Water damage claim"));
	}

}
