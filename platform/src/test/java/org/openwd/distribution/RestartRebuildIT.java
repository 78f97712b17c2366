package org.openwd.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.distribution.internal.Distributor;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.ItEnvironment;
import org.openwd.testing.RuleFixtures;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart rebuilds the distribution engine and the queue order from the one start-up read of the queued tasks, and
 * every employee's load and every pending offer timer from one read of the open assignments: after the restart a task
 * fixed on a cascade step is offered by that step, a task whose step the employee does not reach is not, an offer made
 * before the restart still expires, and an employee's work from before the restart still counts against their capacity.
 */
class RestartRebuildIT {

	static Path dataDir;

	static final String AGENT = "it-agent3";

	@BeforeAll
	static void servers() {
		ItEnvironment.requireServers();
		dataDir = ItEnvironment.newDataDir();
	}

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OpenWdApplication.class)
			.run(ItEnvironment.arguments(2, dataDir, Map.of("openwd.task.activation.enabled", "false")));
	}

	static Api api(ConfigurableApplicationContext context) {
		return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void aRestartRebuildsTheQueueTheLoadsAndTheOfferTimersFromTheDatabase() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String skill = "rr" + suffix;
		String type = "rr-" + suffix;
		String stepOnly;
		String fixedAssigned;
		String fixedOffered;
		String fixedQueued;
		try (ConfigurableApplicationContext first = start()) {
			Api api = api(first);
			GlobalTaskList tasks = first.getBean(GlobalTaskList.class);
			setUpWork(api, suffix, skill, type);
			// step 0 needs a skill the agent lacks and lasts an hour; step 1 reaches everyone with the task's skill
			stepOnly = capture(api, type);
			fixedAssigned = capture(api, type);
			fixedOffered = capture(api, type);
			tasks.retarget(TaskId.of(fixedAssigned), 1, "step 1", "supervisor");
			tasks.retarget(TaskId.of(fixedOffered), 1, "step 1", "supervisor");
			presence(api, "{\"state\":\"READY\"}");
			awaitMine(api, fixedAssigned, "OFFERED");
			awaitMine(api, fixedOffered, "OFFERED");
			assertThat(api.post(AGENT, "/api/v1/me/tasks/" + fixedAssigned + "/accept", Map.of()).text("state")).isEqualTo("ASSIGNED");
			// the agent is full (capacity 2): this one stays queued
			fixedQueued = capture(api, type);
			tasks.retarget(TaskId.of(fixedQueued), 1, "step 1", "supervisor");
			assertThat(first.getBean(Distributor.class).queuedInEngine()).isPositive();
			assertThat(state(api, fixedQueued)).isEqualTo("QUEUED");
		}

		try (ConfigurableApplicationContext second = start()) {
			Api api = api(second);
			// answered by the distribution loop once the rebuild is complete (calls before it wait for it)
			assertThat(second.getBean(Distributor.class).queuedInEngine()).isGreaterThanOrEqualTo(2);
			// the queue order has the queued tasks
			// (asked of the bean: other tests' queued work on this database may outrank these in /queue/top)
			org.openwd.rules.internal.QueueOrdering order = second.getBean(org.openwd.rules.internal.QueueOrdering.class);
			assertThat(order.holds(TaskId.of(stepOnly))).as("step-only task in the queue order").isTrue();
			assertThat(order.holds(TaskId.of(fixedQueued))).as("queued task in the queue order").isTrue();
			assertThat(order.holds(TaskId.of(fixedAssigned))).as("assigned task not in the queue order").isFalse();
			// the offer made before the restart expires on the timer the rebuild armed: back to the queue, agent NOT_READY
			await().atMost(Duration.ofSeconds(60)).until(() -> state(api, fixedOffered).equals("QUEUED"));
			await().atMost(Duration.ofSeconds(20)).until(() -> api.get(AGENT, "/api/v1/me").body().path("presence")
				.asText().equals("NOT_READY"));
			assertThat(state(api, fixedAssigned)).isEqualTo("ASSIGNED");

			presence(api, "{\"state\":\"READY\"}");
			// the fill for READY has run once this call returns (the loop takes jobs in order)
			second.getBean(Distributor.class).queuedInEngine();
			await().atMost(Duration.ofSeconds(15)).until(() -> mine(api).size() == 2);
			List<String> mine = mine(api);
			// one free place (the assigned task from before the restart counts): one of the two step-1 tasks, never the step-0 one
			assertThat(mine).contains(fixedAssigned).doesNotContain(stepOnly).hasSize(2);
			assertThat(mine).containsAnyOf(fixedOffered, fixedQueued);
			assertThat(state(api, stepOnly)).isEqualTo("QUEUED");
			presence(api, "{\"state\":\"OFFLINE\"}");
			api.post("supervisor", "/api/v1/employees/" + AGENT + "/pull-back", Map.of());
		}
	}

	static void setUpWork(Api api, String suffix, String skill, String type) throws Exception {
		String profile = "rr-" + suffix;
		Map<String, Object> definition = Map.of("name", profile, "priority",
				Map.of("start", 10, "increment", 1, "interval", "PT1M", "max", 50, "valueWeight", 0), "sla",
				Map.of("duration", "PT8H", "warningBefore", "PT1H"), "calendar", "24x7", "offerTimeout", "PT30S",
				"targets", List.of(Map.of("skills", "rr0" + suffix, "waitBeforeWidening", "PT1H"), Map.of("skills", "*")),
				"channel", "case", "autoAccept", false);
		Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + profile))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(definition))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
		RuleFixtures.deployWith(api, RuleFixtures.rule(RuleFixtures.ruleId("Rule_RR", suffix), type, profile, skill, profile));
		Map<String, Object> body = Map.of("displayName", AGENT, "team", profile, "department", profile, "skills",
				Map.of(skill, 8), "channelCapacity", Map.of("case", 2), "totalCapacity", 2);
		Response employee = api.send("admin", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/employees/" + AGENT))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))), Map.of("Content-Type", "application/json"));
		assertThat(employee.status()).as(employee.toString()).isIn(200, 201);
		api.post("supervisor", "/api/v1/employees/" + AGENT + "/pull-back", Map.of());
	}

	static String capture(Api api, String type) {
		Map<String, Object> request = Api.newTask("rr");
		request.put("type", type);
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.text("id");
	}

	static void presence(Api api, String body) {
		Response response = api.send(AGENT, HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me/presence"))
			.PUT(HttpRequest.BodyPublishers.ofString(body)), Map.of("Content-Type", "application/json"));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	static void awaitMine(Api api, String id, String state) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (JsonNode item : api.get(AGENT, "/api/v1/me/tasks").body()) {
				if (item.path("id").asText().equals(id) && item.path("state").asText().equals(state)) {
					return true;
				}
			}
			return false;
		});
	}

	static List<String> mine(Api api) {
		List<String> ids = new ArrayList<>();
		api.get(AGENT, "/api/v1/me/tasks").body().forEach(item -> ids.add(item.path("id").asText()));
		return ids;
	}

	static String state(Api api, String id) {
		return api.get("supervisor", "/api/v1/tasks/" + id).body().path("task").path("state").asText();
	}

}
