package org.openwd.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.RuleFixtures;

/**
 * Push distribution end to end through the REST API: employees go ready, tasks captured by a connector are offered at
 * once, accepted, rejected, expired and completed; the task history shows every step.
 */
class DistributionIT extends IntegrationTest {

	String suffix;

	String skill;

	@BeforeEach
	void isolatedWork() throws Exception {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		skill = "e2e" + suffix;
	}

	@Test
	void offersACapturedTaskToTheReadyEmployeeWhoAcceptsAndCompletesIt() throws Exception {
		String type = setUpWork("PT30S");
		employee("it-agent1", 1);
		ready("it-agent1");
		String id = capture(type);
		JsonNode offer = awaitMine("it-agent1", id, "OFFERED");
		assertThat(offer.path("offerExpiresAt").asText()).isNotBlank();
		assertThat(api.post("it-agent1", "/api/v1/me/tasks/" + id + "/accept", Map.of()).text("state")).isEqualTo("ASSIGNED");
		Response done = api.post("it-agent1", "/api/v1/me/tasks/" + id + "/complete", Map.of("outcome", "resolved", "note", "ok"));
		assertThat(done.text("state")).as(done.toString()).isEqualTo("COMPLETED");
		JsonNode history = api.get("supervisor", "/api/v1/tasks/" + id).body().path("history");
		assertThat(history.findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "OFFER", "ACCEPT", "COMPLETE");
		assertThat(history.get(2).path("details").path("employee").asText()).isEqualTo("it-agent1");
		assertThat(history.get(3).path("actor").asText()).isEqualTo("it-agent1");
		history.forEach(entry -> assertThat(entry.path("at").asText()).isNotBlank());
		offline("it-agent1");
	}

	@Test
	void aRejectedOfferGoesToTheNextEmployeeAtOnceAndNeverBackToTheRejecter() throws Exception {
		String type = setUpWork("PT30S");
		employee("it-agent2", 1);
		employee("it-agent3", 1);
		ready("it-agent2");
		ready("it-agent3");
		String id = capture(type);
		String first = await().atMost(Duration.ofSeconds(15)).until(() -> holder(id), holder -> holder != null);
		String second = first.equals("it-agent2") ? "it-agent3" : "it-agent2";
		Response rejected = api.post(first, "/api/v1/me/tasks/" + id + "/reject", Map.of("reason", "wrong-language"));
		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
		awaitMine(second, id, "OFFERED");
		api.post(second, "/api/v1/me/tasks/" + id + "/reject", Map.of("reason", "busy"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(state(id)).isEqualTo("QUEUED"));
		assertThat(api.post(first, "/api/v1/me/tasks/" + id + "/accept", Map.of()).status()).isEqualTo(409);
		assertThat(api.post("it-agent2", "/api/v1/me/tasks/" + id + "/reject", Map.of()).status()).isEqualTo(400);
		offline("it-agent2");
		offline("it-agent3");
	}

	@Test
	void anExpiredOfferReturnsToTheQueueAndTheEmployeeGoesNotReadyWithMissedOffer() throws Exception {
		String type = setUpWork("PT1S");
		employee("it-agent4", 1);
		ready("it-agent4");
		String id = capture(type);
		awaitMine("it-agent4", id, "OFFERED");
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			JsonNode me = api.get("it-agent4", "/api/v1/me").body();
			assertThat(me.path("presence").asText()).isEqualTo("NOT_READY");
			assertThat(me.path("reason").asText()).isEqualTo("missed-offer");
		});
		assertThat(state(id)).isEqualTo("QUEUED");
		assertThat(api.get("supervisor", "/api/v1/tasks/" + id).body().path("history").findValuesAsText("action")).contains("EXPIRE");
		ready("it-agent4");
		awaitMine("it-agent4", id, "OFFERED");
		offline("it-agent4");
	}

	@Test
	void neverGivesAnEmployeeMoreThanTheirCapacityAndOffersTheNextTaskWhenOneIsDone() throws Exception {
		String type = setUpWork("PT30S");
		employee("it-agent1", 1);
		ready("it-agent1");
		String first = capture(type);
		String second = capture(type);
		awaitMine("it-agent1", first, "OFFERED");
		assertThat(mine("it-agent1")).hasSize(1);
		api.post("it-agent1", "/api/v1/me/tasks/" + first + "/accept", Map.of());
		api.post("it-agent1", "/api/v1/me/tasks/" + first + "/complete", Map.of("outcome", "done"));
		awaitMine("it-agent1", second, "OFFERED");
		assertThat(mine("it-agent1")).hasSize(1);
		offline("it-agent1");
	}

	@Test
	void supervisorsAssignAndPullBackWorkWithinCapacity() throws Exception {
		String type = setUpWork("PT30S");
		employee("it-agent3", 1);
		offline("it-agent3");
		String id = capture(type);
		Response assigned = api.post("supervisor", "/api/v1/tasks/" + id + "/assign", Map.of("employee", "it-agent3"));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		assertThat(assigned.text("state")).isEqualTo("ASSIGNED");
		String other = capture(type);
		Response full = api.post("supervisor", "/api/v1/tasks/" + other + "/assign", Map.of("employee", "it-agent3"));
		assertThat(full.status()).isEqualTo(409);
		Response pulled = api.post("supervisor", "/api/v1/employees/it-agent3/pull-back", Map.of());
		assertThat(pulled.body().findValuesAsText("state")).containsExactly("QUEUED");
		assertThat(api.post("it-agent3", "/api/v1/tasks/" + other + "/assign", Map.of("employee", "it-agent3")).status()).isEqualTo(403);
	}

	@Test
	void getNextAssignsTheBestTaskInPullModeAndNothingIsPushed() throws Exception {
		String type = setUpWork("PT30S", "e2e-pull");
		employee("it-agent2", 1, "e2e-pull");
		offline("it-agent2");
		String id = capture(type);
		assertThat(api.post("it-agent2", "/api/v1/me/next", Map.of()).status()).as("not ready yet").isEqualTo(204);
		ready("it-agent2");
		// pull mode: nothing is pushed, however long we look
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> mine("it-agent2").isEmpty());
		Response next = api.post("it-agent2", "/api/v1/me/next", Map.of());
		assertThat(next.status()).as(next.toString()).isEqualTo(200);
		assertThat(next.text("id")).isEqualTo(id);
		assertThat(next.text("state")).isEqualTo("ASSIGNED");
		offline("it-agent2");
		api.post("it-agent2", "/api/v1/me/tasks/" + id + "/return", Map.of("reason", "test over"));
	}

	@Test
	void underConcurrentCaptureAndWorkNobodyExceedsCapacityAndEveryTaskIsDoneOnce() throws Exception {
		String type = setUpWork("PT5M");
		List<String> agents = List.of("it-agent1", "it-agent2", "it-agent3");
		for (String agent : agents) {
			employee(agent, 2);
			ready(agent);
		}
		int total = 40;
		List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.ExecutorService capture = java.util.concurrent.Executors.newFixedThreadPool(8);
		List<java.util.concurrent.Future<?>> captures = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			captures.add(capture.submit(() -> ids.add(capture(type))));
		}
		WorkSimulation simulation = new WorkSimulation();
		int done = simulation.work(agents.stream().map(a -> new WorkSimulation.Agent(a, api, 2)).toList(), type, total,
				Duration.ofSeconds(90));
		for (java.util.concurrent.Future<?> future : captures) {
			future.get();
		}
		capture.shutdown();
		assertThat(simulation.violations).isEmpty();
		assertThat(done).isEqualTo(total);
		ids.forEach(id -> WorkSimulation.assertNeverHeldTwice(api, id));
		agents.forEach(this::offline);
	}

	@Test
	void theOfferArrivesOnTheLiveChannelAndTheHistoryShowsEachStep() throws Exception {
		String type = setUpWork("PT30S");
		employee("it-agent1", 1);
		try (org.openwd.inbox.LiveClient inbox = org.openwd.inbox.LiveClient.connect(api.base(), "it-agent1")) {
			java.util.concurrent.BlockingQueue<JsonNode> messages = inbox.subscribe("/user/queue/inbox");
			ready("it-agent1");
			String id = capture(type);
			JsonNode offer = null;
			long deadline = System.currentTimeMillis() + 15_000;
			while (offer == null && System.currentTimeMillis() < deadline) {
				JsonNode message = messages.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
				if (message != null && message.path("type").asText().equals("offer")
						&& message.path("payload").path("taskId").asText().equals(id)) {
					offer = message;
				}
			}
			assertThat(offer).as("offer pushed over STOMP").isNotNull();
			assertThat(offer.path("payload").path("offerExpiresAt").asText()).isNotBlank();
			assertThat(api.post("it-agent1", "/api/v1/me/tasks/" + id + "/accept", Map.of()).text("state")).isEqualTo("ASSIGNED");
			assertThat(api.post("it-agent1", "/api/v1/me/tasks/" + id + "/complete", Map.of("outcome", "resolved")).text("state"))
				.isEqualTo("COMPLETED");
			JsonNode history = api.get("supervisor", "/api/v1/tasks/" + id).body().path("history");
			assertThat(history.findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "OFFER", "ACCEPT", "COMPLETE");
			java.time.Instant previous = java.time.Instant.MIN;
			for (JsonNode entry : history) {
				java.time.Instant at = java.time.Instant.parse(entry.path("at").asText());
				assertThat(at).isAfterOrEqualTo(previous);
				previous = at;
			}
			offline("it-agent1");
		}
	}

	@Test
	void autoAcceptProfilesAssignWithoutAnOffer() throws Exception {
		String type = setUpWork("PT30S", "e2e", true);
		employee("it-agent3", 1);
		ready("it-agent3");
		String id = capture(type);
		awaitMine("it-agent3", id, "ASSIGNED");
		assertThat(api.get("supervisor", "/api/v1/tasks/" + id).body().path("history").findValuesAsText("action"))
			.containsExactly("CAPTURE", "CLASSIFY", "ASSIGN");
		api.post("it-agent3", "/api/v1/me/tasks/" + id + "/complete", Map.of("outcome", "done"));
		offline("it-agent3");
	}

	@Test
	void serviceLevelTodayCountsCompletionsByTheirDueTimeFromTheDatabase() throws Exception {
		String profile = "e2e-" + suffix;
		Map<String, Object> definition = Map.of("name", profile, "priority",
				Map.of("start", 10, "increment", 1, "interval", "PT1M", "max", 50, "valueWeight", 0), "sla",
				Map.of("duration", "PT8H", "useSourceDueTime", true), "calendar", "24x7", "offerTimeout", "PT30S",
				"targets", List.of(Map.of("skills", "*")), "channel", "case");
		Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + profile))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(definition))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
		RuleFixtures.deployWith(api, RuleFixtures.rule(RuleFixtures.ruleId("Rule_E", suffix), profile, profile, skill, "e2e"));
		java.time.Instant now = java.time.Instant.now();
		String late = capture(profile, now.minus(Duration.ofHours(1)));
		String onTime = capture(profile, now.plus(Duration.ofHours(1)));
		for (String id : List.of(late, onTime)) {
			// the source completes them (any open state): no offer or assignment can race with it
			Response completed = api.post("connector", "/api/v1/tasks/" + id + "/complete", Map.of("outcome", "done"));
			assertThat(completed.status()).as("%s\n%s", completed, api.get("supervisor", "/api/v1/tasks/" + id).body())
				.isEqualTo(200);
		}
		java.time.Instant midnight = java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
		assertThat(tasks.completionsSince(midnight)).filteredOn(c -> profile.equals(c.routingProfile()))
			.containsExactly(new org.openwd.task.CompletionCount(profile, "e2e", 2, 1));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(serviceLevels.ofProfile(profile)).isEqualTo(50.0));
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void aChangedRoutingProfileReachesTheDistributionEngineWhichLogsTheVersionItApplied(
			org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		String profile = setUpWork("PT30S");
		Map<String, Object> changed = Map.of("name", profile, "priority",
				Map.of("start", 500, "increment", 1, "interval", "PT1M", "max", 900, "valueWeight", 0), "sla",
				Map.of("duration", "PT8H", "warningBefore", "PT1H"), "calendar", "24x7", "offerTimeout", "PT30S",
				"targets", List.of(Map.of("skills", "*")), "channel", "case");
		Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + profile))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(changed))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		int version = saved.body().path("version").asInt();
		assertThat(version).isGreaterThan(1);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(output.getAll())
				.contains("Routing profile " + profile + " version " + version + " applied to distribution"));
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.openwd.presence.Employees employees;

	@Test
	void aShiftStartOfManyEmployeesGoingReadyAtOnceGivesEachTheirCapacityAndNoTaskTwice() throws Exception {
		String type = setUpWork("PT5M");
		List<String> people = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			people.add("it-shift-" + suffix + "-" + i);
			employee(people.get(i), 2);
		}
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(capture(type));
		}
		// everyone at once, as at a shift start: the distributor commits its offers in shared rounds
		java.util.concurrent.ExecutorService shift = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<?>> readies = new ArrayList<>();
			for (String person : people) {
				readies.add(shift.submit(() -> employees.changePresence(person, org.openwd.presence.PresenceState.READY, null, person)));
			}
			for (java.util.concurrent.Future<?> ready : readies) {
				ready.get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			shift.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(ids.stream().filter(id -> "OFFERED".equals(state(id))).count()).isEqualTo(32));
		for (String person : people) {
			assertThat(tasks.openAssignments(person)).as(person).hasSize(2);
		}
		for (String id : ids) {
			JsonNode history = api.get("supervisor", "/api/v1/tasks/" + id).body().path("history");
			assertThat(history.findValuesAsText("action").stream().filter("OFFER"::equals).count()).as(id).isLessThanOrEqualTo(1);
		}
		assertThat(ids.stream().filter(id -> "QUEUED".equals(state(id))).count()).isEqualTo(8);
		for (String person : people) {
			employees.changePresence(person, org.openwd.presence.PresenceState.OFFLINE, null, person);
			api.post("supervisor", "/api/v1/employees/" + person + "/pull-back", Map.of());
		}
	}

	// ---- helpers

	@org.springframework.beans.factory.annotation.Autowired
	org.openwd.task.GlobalTaskList tasks;

	@org.springframework.beans.factory.annotation.Autowired
	org.openwd.distribution.engine.ServiceLevels serviceLevels;

	String capture(String type, java.time.Instant dueTime) {
		Map<String, Object> request = Api.newTask("e2e");
		request.put("type", type);
		request.put("dueTime", dueTime.toString());
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.text("routingProfile")).as(response.toString()).isEqualTo(type);
		return response.text("id");
	}

	/** A routing profile, and a classification rule sending type e2e-<suffix> to it with a skill only our agents have. */
	String setUpWork(String offerTimeout) throws Exception {
		return setUpWork(offerTimeout, "e2e");
	}

	String setUpWork(String offerTimeout, String department) throws Exception {
		return setUpWork(offerTimeout, department, false);
	}

	String setUpWork(String offerTimeout, String department, boolean autoAccept) throws Exception {
		return work().setUpWork(offerTimeout, department, autoAccept);
	}

	void employee(String id, int capacity) throws Exception {
		employee(id, capacity, "e2e");
	}

	void employee(String id, int capacity, String department) throws Exception {
		work().employee(id, capacity, department);
	}

	org.openwd.testing.WorkFixtures work() {
		return new org.openwd.testing.WorkFixtures(api, suffix, skill);
	}

	void ready(String user) {
		presence(user, "{\"state\":\"READY\"}");
	}

	void offline(String user) {
		presence(user, "{\"state\":\"OFFLINE\"}");
	}

	void presence(String user, String body) {
		Response response = api.send(user, HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me/presence"))
			.PUT(HttpRequest.BodyPublishers.ofString(body)), Map.of("Content-Type", "application/json"));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	String capture(String type) {
		return work().capture(type);
	}

	JsonNode awaitMine(String user, String id, String state) {
		return await().atMost(Duration.ofSeconds(15)).until(() -> {
			for (JsonNode item : api.get(user, "/api/v1/me/tasks").body()) {
				if (item.path("id").asText().equals(id) && item.path("state").asText().equals(state)) {
					return item;
				}
			}
			return null;
		}, item -> item != null);
	}

	List<String> mine(String user) {
		List<String> ids = new ArrayList<>();
		api.get(user, "/api/v1/me/tasks").body().forEach(item -> ids.add(item.path("id").asText()));
		return ids;
	}

	String holder(String id) {
		JsonNode task = api.get("supervisor", "/api/v1/tasks/" + id).body().path("task");
		String state = task.path("state").asText();
		return state.equals("OFFERED") || state.equals("ASSIGNED") ? task.path("assignedEmployee").asText() : null;
	}

	String state(String id) {
		return api.get("supervisor", "/api/v1/tasks/" + id).body().path("task").path("state").asText();
	}

}
