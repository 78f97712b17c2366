package org.openwd.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;

/** Short "given"s for the presence API tests: uniquely named employees, presence changes, history. */
final class PresenceFixtures {

	private PresenceFixtures() {
	}

	static String uniqueId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static Map<String, Object> profile(String team) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("displayName", "Test Employee");
		profile.put("team", team);
		profile.put("department", "claims");
		profile.put("skills", Map.of("claims", 7));
		profile.put("channelCapacity", Map.of("case", 1, "email", 2));
		profile.put("totalCapacity", 2);
		return profile;
	}

	/** Creates a uniquely named employee (OFFLINE) as admin and returns the id. */
	static String newEmployee(Api api) {
		return newEmployee(api, uniqueId("team"));
	}

	static String newEmployee(Api api, String team) {
		String id = uniqueId("emp");
		Response created = put(api, "admin", "/api/v1/employees/" + id, profile(team));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return id;
	}

	/** Makes sure a demo login has an employee record (the MariaDB run has no demo data). */
	static void ensureEmployee(Api api, String login) {
		if (api.get("admin", "/api/v1/employees/" + login).status() == 404) {
			Response created = put(api, "admin", "/api/v1/employees/" + login, profile("demo"));
			assertThat(created.status()).as(created.toString()).isIn(200, 201);
		}
	}

	static Response put(Api api, String user, String path, Object body) {
		return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + path)).PUT(jsonBody(body)),
				Map.of("Content-Type", "application/json"));
	}

	static Response put(Api api, String user, String path, Object body, Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put("Content-Type", "application/json");
		return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + path)).PUT(jsonBody(body)), all);
	}

	static Map<String, Object> presence(String state, String reason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("state", state);
		if (reason != null) {
			body.put("reason", reason);
		}
		return body;
	}

	/** A supervisor's (or admin's) forced change. */
	static Response force(Api api, String user, String id, String state, String reason) {
		return put(api, user, "/api/v1/employees/" + id + "/presence", presence(state, reason));
	}

	/** The whole presence history, oldest first. */
	static List<JsonNode> history(Api api, String id) {
		Response response = api.get("admin", "/api/v1/employees/" + id + "/presence/history?limit=1000");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> entries = new ArrayList<>();
		response.body().forEach(entries::add);
		Collections.reverse(entries);
		return entries;
	}

	/** The fields named in a 400 problem. */
	static List<String> invalidFields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/invalid-request");
		List<String> fields = new ArrayList<>();
		response.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
		return fields;
	}

	private static HttpRequest.BodyPublisher jsonBody(Object body) {
		try {
			return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Api.JSON.writeValueAsString(body));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
