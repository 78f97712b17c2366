package org.openwd.connector.bpm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * User tasks of a remote Camunda 7 engine through its REST API ({@code engine-rest}): {@code GET /task} (filtered by
 * process definition keys, oldest first), {@code GET /task/{id}/variables}, {@code GET /task/{id}} and
 * {@code POST /task/{id}/complete}. HTTP Basic when a user name is configured. The JDK's HTTP client does the calls and
 * Jackson the JSON. A failed call throws, so the source records the error and tries again at its next poll, and the
 * write-back's delivery is retried with backoff by the platform.
 */
final class RemoteUserTasks implements UserTasks {

	/** Camunda's default REST date format, e.g. {@code 2026-12-01T09:30:00.000+0100}. */
	static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final String authorization;

	private final HttpClient http;

	private final Duration timeout;

	RemoteUserTasks(String restUrl, String username, String password, Duration timeout) {
		this.base = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
		this.authorization = username == null || username.isBlank() ? null
				: "Basic " + Base64.getEncoder()
					.encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public List<UserTask> active(List<String> processDefinitionKeys, int max) {
		StringBuilder path = new StringBuilder("/task?active=true&sortBy=created&sortOrder=asc&firstResult=0&maxResults=")
			.append(max);
		if (!processDefinitionKeys.isEmpty()) {
			path.append("&processDefinitionKeyIn=").append(encode(String.join(",", processDefinitionKeys)));
		}
		JsonNode body = send(HttpRequest.newBuilder(uri(path.toString())).GET(), 200);
		List<UserTask> tasks = new ArrayList<>();
		for (JsonNode t : body) {
			tasks.add(new UserTask(t.path("id").asText(), text(t, "name"), text(t, "description"), text(t, "taskDefinitionKey"),
					text(t, "processDefinitionId"), text(t, "processInstanceId"), date(t, "due"), date(t, "followUp"),
					date(t, "created"), t.path("priority").asInt(), text(t, "assignee")));
		}
		return tasks;
	}

	@Override
	public Map<String, Object> variables(String taskId, List<String> names) {
		JsonNode body = send(HttpRequest.newBuilder(uri("/task/" + encode(taskId) + "/variables?deserializeValues=false"
				+ "&variableNames=" + encode(String.join(",", names)))).GET(), 200);
		Map<String, Object> values = new LinkedHashMap<>();
		body.fields().forEachRemaining(entry -> {
			JsonNode value = entry.getValue().path("value");
			values.put(entry.getKey(), value.isNull() || value.isMissingNode() ? null
					: value.isNumber() ? value.numberValue() : value.isBoolean() ? value.booleanValue() : value.asText());
		});
		return values;
	}

	@Override
	public boolean complete(String taskId, Map<String, Object> variables) {
		HttpResponse<String> exists = call(HttpRequest.newBuilder(uri("/task/" + encode(taskId))).GET());
		if (exists.statusCode() == 404) {
			return false;
		}
		check(exists, 200);
		Map<String, Object> typed = new LinkedHashMap<>();
		variables.forEach((name, value) -> typed.put(name, typed(value)));
		String body;
		try {
			body = JSON.writeValueAsString(Map.of("variables", typed));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("variables cannot be written as JSON: " + ex.getMessage(), ex);
		}
		check(call(HttpRequest.newBuilder(uri("/task/" + encode(taskId) + "/complete"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))), 204);
		return true;
	}

	private static Map<String, Object> typed(Object value) {
		Map<String, Object> typed = new LinkedHashMap<>();
		typed.put("value", value);
		typed.put("type", value == null ? "Null" : value instanceof Boolean ? "Boolean"
				: value instanceof Integer ? "Integer" : value instanceof Long ? "Long"
				: value instanceof Number ? "Double" : "String");
		return typed;
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private JsonNode send(HttpRequest.Builder request, int expected) {
		HttpResponse<String> response = call(request);
		check(response, expected);
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Camunda REST answered no JSON: " + ex.getMessage(), ex);
		}
	}

	private HttpResponse<String> call(HttpRequest.Builder request) {
		request.timeout(this.timeout).header("Accept", "application/json");
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		HttpRequest built = request.build();
		try {
			return this.http.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Camunda REST " + built.method() + " " + built.uri() + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while calling Camunda REST", ex);
		}
	}

	private static void check(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected) {
			String body = response.body() == null ? "" : response.body();
			throw new IllegalStateException("Camunda REST " + response.request().method() + " " + response.request().uri()
					+ " answered " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isNull() || value.isMissingNode() ? null : value.asText();
	}

	private static Instant date(JsonNode node, String field) {
		String text = text(node, field);
		return text == null ? null : OffsetDateTime.parse(text, CAMUNDA_DATE).toInstant();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
