package org.openwd.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.openwd.testing.Api.Response;

/**
 * Work for distribution tests, isolated by a suffix: a routing profile {@code e2e-<suffix>}, a classification rule
 * sending task type {@code e2e-<suffix>} to it with a skill only this fixture's employees have, and those employees.
 */
public final class WorkFixtures {

	private final Api api;

	private final String suffix;

	private final String skill;

	public WorkFixtures(Api api, String suffix, String skill) {
		this.api = api;
		this.suffix = suffix;
		this.skill = skill;
	}

	/** Creates the profile and its rule; answers the task type (= the profile's name). */
	public String setUpWork(String offerTimeout, String department, boolean autoAccept) throws Exception {
		String profile = "e2e-" + suffix;
		Map<String, Object> definition = Map.of("name", profile, "priority",
				Map.of("start", 10, "increment", 1, "interval", "PT1M", "max", 50, "valueWeight", 0), "sla",
				Map.of("duration", "PT8H", "warningBefore", "PT1H"), "calendar", "24x7", "offerTimeout", offerTimeout,
				"targets", List.of(Map.of("skills", "*")), "channel", "case", "autoAccept", autoAccept);
		Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + profile))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(definition))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
		RuleFixtures.deployWith(api, RuleFixtures.rule(RuleFixtures.ruleId("Rule_E", suffix), profile, profile, skill, department));
		return profile;
	}

	/** Creates or updates an employee with the fixture's skill, then pulls back whatever earlier tests left them. */
	public void employee(String id, int capacity, String department) throws Exception {
		employee(id, capacity, department, skill);
	}

	/** Creates or updates an employee with one skill, then pulls back whatever earlier tests left them. */
	public void employee(String id, int capacity, String department, String withSkill) throws Exception {
		Map<String, Object> body = Map.of("displayName", id, "team", department, "department", department, "skills",
				Map.of(withSkill, 8), "channelCapacity", Map.of("case", capacity), "totalCapacity", capacity);
		Response saved = api.send("admin", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/employees/" + id))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isIn(200, 201);
		api.post("supervisor", "/api/v1/employees/" + id + "/pull-back", Map.of());
	}

	/** Captures one task of the type through the REST API; answers its id. */
	public String capture(String type) {
		Map<String, Object> request = Api.newTask("e2e");
		request.put("type", type);
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.text("id");
	}

}
