package org.openwd.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.inbox.LiveClient;
import org.openwd.reporting.Dimension;
import org.openwd.task.TaskAction;
import org.openwd.task.TaskId;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.RuleFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The supervisor read models through the REST API, on H2 and MariaDB: live tiles per department and virtual queue,
 * today's flow and service level, the people board, CSV export, the task timeline, and the push that keeps the view live.
 * Each test routes its tasks to its own department (a rule + routing profile), so other tests' tasks never count.
 */
class ReportingIT extends IntegrationTest {

	static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	FlowCounters counters;

	String suffix;

	String department;

	String profile;

	@BeforeEach
	void ownDepartment() {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		department = "rep-" + suffix;
		profile = "rep-" + suffix;
		Map<String, Object> definition = Map.of("name", profile, "priority",
				Map.of("start", 10, "increment", 1, "interval", "PT1M", "max", 50, "valueWeight", 0), "sla",
				Map.of("duration", "PT8H", "warningBefore", "PT1H", "useSourceDueTime", true), "calendar", "24x7",
				"offerTimeout", "PT30S", "targets", List.of(Map.of("skills", "*")), "channel", "case");
		Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + profile))
			.PUT(HttpRequest.BodyPublishers.ofString(json(definition))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
		RuleFixtures.deployWith(api, RuleFixtures.rule(RuleFixtures.ruleId("Rule_Rep", suffix), profile, profile,
				"rep" + suffix, department));
	}

	@Test
	void tilesCountOpenWorkAtRiskAndOverdueAndTodaysServiceLevelPerDepartmentAndQueue() {
		Instant now = Instant.now();
		String overdue = capture("Overdue claim", now.minus(Duration.ofMinutes(10)));
		capture("Claim at risk", now.plus(Duration.ofMinutes(30)));
		String onTime = capture("Claim on time", now.plus(Duration.ofDays(1)));

		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode tile = tile("department", department);
			assertThat(tile.path("waiting").asLong()).isEqualTo(3);
			assertThat(tile.path("atRisk").asLong()).isEqualTo(1);
			assertThat(tile.path("overdue").asLong()).isEqualTo(1);
			assertThat(tile.path("oldestWaitingSince").asText()).isNotBlank();
			assertThat(tile.path("arrivedToday").asLong()).isEqualTo(3);
			assertThat(tile.has("serviceLevelToday")).as("no service level before the first completion").isFalse();
		});
		// each dimension has its own short-lived cache: the queue tiles may still be the ones computed before the captures
		await().atMost(WAIT).untilAsserted(() -> assertThat(tile("queue", profile).path("waiting").asLong()).isEqualTo(3));

		completeFromSource(overdue);
		completeFromSource(onTime);
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode tile = tile("department", department);
			assertThat(tile.path("waiting").asLong()).isEqualTo(1);
			assertThat(tile.path("completedToday").asLong()).isEqualTo(2);
			assertThat(tile.path("completedInSlaToday").asLong()).isEqualTo(1);
			assertThat(tile.path("serviceLevelToday").asDouble()).isEqualTo(50.0);
		});

		JsonNode day = api.get("supervisor", "/api/v1/reporting/day?dimension=department&key=" + department).body();
		JsonNode lastHour = day.path("flow").get(day.path("flow").size() - 1);
		assertThat(lastHour.path("serviceLevelSoFar").asDouble()).isEqualTo(50.0);
		long arrived = 0;
		for (JsonNode hour : day.path("flow")) {
			arrived += hour.path("arrived").asLong();
		}
		assertThat(arrived).isEqualTo(3);
		JsonNode backlogNow = day.path("backlog").get(day.path("backlog").size() - 1);
		assertThat(backlogNow.path("waiting").asLong()).isEqualTo(1);
	}

	@Test
	void aRedeliveredEventIsCountedOnce() {
		String id = capture("Counted once", Instant.now().plus(Duration.ofHours(2)));
		completeFromSource(id);
		await().atMost(WAIT).until(() -> tile("department", department).path("completedToday").asLong() == 1);
		JsonNode history = api.get("supervisor", "/api/v1/tasks/" + id).body().path("history");
		JsonNode last = history.get(history.size() - 1);
		TaskStateChanged again = new TaskStateChanged(TaskId.of(id), "rep", "x", TaskAction.COMPLETE_FROM_SOURCE,
				TaskState.QUEUED, TaskState.COMPLETED, Instant.parse(last.path("at").asText()), "connector", null, null, null,
				last.path("seq").asInt());
		counters.on(again);
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
			.until(() -> tile("department", department).path("completedToday").asLong() == 1);
	}

	@Test
	void refusesAnUnknownDimensionNamingTheParameter() {
		Response response = api.get("supervisor", "/api/v1/reporting/live?dimension=planet");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("dimension");
		assertThat(Dimension.parse("QUEUE")).isEqualTo(Dimension.QUEUE);
	}

	@Test
	void exportsTheFilteredTaskListAsCsvWithoutLettingSpreadsheetsRunFormulas() {
		capture("=HYPERLINK(\"http://evil\",\"x\")", Instant.now().plus(Duration.ofHours(3)));
		capture("Plain, with comma", Instant.now().plus(Duration.ofHours(4)));
		capture("Another one", null);
		Response csv = api.get("supervisor", "/api/v1/reporting/tasks.csv?department=" + department + "&q=o");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		String[] lines = csv.raw().body().split("\r\n");
		assertThat(lines[0]).startsWith("id,source_system,external_id,type,title,state,department");
		assertThat(lines).hasSize(3);
		assertThat(csv.raw().body()).contains("\"Plain, with comma\"").contains("Another one").doesNotContain("HYPERLINK");

		Response all = api.get("supervisor", "/api/v1/reporting/tasks.csv?department=" + department + "&state=QUEUED");
		assertThat(all.raw().body().split("\r\n")).hasSize(4);
		assertThat(all.raw().body()).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
		assertThat(api.get("supervisor", "/api/v1/reporting/tasks.csv?state=SLEEPING").status()).isEqualTo(400);

		capture("Refund 100% of it", null);
		// % and _ in the search text are literal characters, not wildcards
		assertThat(api.get("supervisor", "/api/v1/reporting/tasks.csv?department=" + department + "&q=0%25%20o").raw().body()
			.split("\r\n")).hasSize(2);
		assertThat(api.get("supervisor", "/api/v1/reporting/tasks.csv?department=" + department + "&q=_").raw().body()
			.split("\r\n")).hasSize(1);
	}

	@Test
	void thePeopleBoardShowsPresenceReasonLoadAndCurrentTasksAndTheTimelineIsOnlyForTheHolder() {
		String employee = "ui-agent2";
		Map<String, Object> body = Map.of("displayName", "Reporting Agent", "team", department, "department", department,
				"skills", Map.of("rep" + suffix, 5), "channelCapacity", Map.of("case", 2), "totalCapacity", 2);
		Response saved = api.send("admin", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/employees/" + employee))
			.PUT(HttpRequest.BodyPublishers.ofString(json(body))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isIn(200, 201);
		api.post("supervisor", "/api/v1/employees/" + employee + "/pull-back", Map.of());
		api.send("supervisor", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/employees/" + employee + "/presence"))
			.PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"NOT_READY\",\"reason\":\"coaching\"}")),
				Map.of("Content-Type", "application/json"));
		String id = capture("Assigned by the supervisor", Instant.now().plus(Duration.ofHours(5)));
		Response assigned = api.post("supervisor", "/api/v1/tasks/" + id + "/assign", Map.of("employee", employee));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);

		JsonNode board = api.get("supervisor", "/api/v1/reporting/people?department=" + department).body();
		assertThat(board).hasSize(1);
		JsonNode person = board.get(0);
		assertThat(person.path("id").asText()).isEqualTo(employee);
		assertThat(person.path("presence").asText()).isEqualTo("NOT_READY");
		assertThat(person.path("reason").asText()).isEqualTo("coaching");
		assertThat(person.path("presenceSince").asText()).isNotBlank();
		assertThat(person.path("load").asInt()).isEqualTo(1);
		assertThat(person.path("totalCapacity").asInt()).isEqualTo(2);
		assertThat(person.path("tasks").get(0).path("id").asText()).isEqualTo(id);
		assertThat(person.path("tasks").get(0).path("state").asText()).isEqualTo("ASSIGNED");

		Response timeline = api.get(employee, "/api/v1/me/tasks/" + id + "/history");
		assertThat(timeline.status()).isEqualTo(200);
		assertThat(timeline.body().findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "ASSIGN");
		assertThat(api.get("ui-agent1", "/api/v1/me/tasks/" + id + "/history").status()).isEqualTo(404);
		assertThat(api.get("supervisor", "/api/v1/me/tasks/" + id + "/history").status()).isEqualTo(200);
		api.post("supervisor", "/api/v1/employees/" + employee + "/pull-back", Map.of());
	}

	@Test
	void supervisorsAreToldWhenTheBoardChangesAndTheAgentWhenTheirTaskWasTakenAway() throws Exception {
		try (LiveClient supervisor = LiveClient.connect(api.base(), "supervisor");
				LiveClient agent = LiveClient.connect(api.base(), "ui-agent2")) {
			BlockingQueue<JsonNode> board = supervisor.subscribe("/topic/supervisors");
			BlockingQueue<JsonNode> inbox = agent.subscribe("/user/queue/inbox");
			Map<String, Object> body = Map.of("displayName", "Push Agent", "team", department, "department", department,
					"skills", Map.of("rep" + suffix, 5), "channelCapacity", Map.of("case", 1), "totalCapacity", 1);
			api.send("admin", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/employees/ui-agent2"))
				.PUT(HttpRequest.BodyPublishers.ofString(json(body))), Map.of("Content-Type", "application/json"));
			// subscriptions are asynchronous: capture until the first push arrives
			String id = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				String captured = capture("Pushed " + UUID.randomUUID(), null);
				JsonNode message = board.poll(1, TimeUnit.SECONDS);
				while (message != null && !"board-changed".equals(message.path("type").asText())) {
					message = board.poll(1, TimeUnit.SECONDS);
				}
				return message == null ? null : captured;
			}, value -> value != null);
			assertThat(id).isNotNull();

			api.post("supervisor", "/api/v1/tasks/" + id + "/assign", Map.of("employee", "ui-agent2"));
			api.post("supervisor", "/api/v1/tasks/" + id + "/hold", Map.of("reason", "customer asked to wait"));
			JsonNode updated = await().atMost(WAIT).until(() -> {
				JsonNode message;
				while ((message = inbox.poll()) != null) {
					if ("task-updated".equals(message.path("type").asText())
							&& id.equals(message.path("payload").path("taskId").asText())) {
						return message;
					}
				}
				return null;
			}, value -> value != null);
			assertThat(updated.path("payload").path("state").asText()).isEqualTo("HELD");
		}
	}

	private JsonNode tile(String dimension, String key) {
		for (JsonNode tile : api.get("supervisor", "/api/v1/reporting/live?dimension=" + dimension).body().path("tiles")) {
			if (tile.path("key").asText().equals(key)) {
				return tile;
			}
		}
		return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
	}

	private String capture(String title, Instant due) {
		Map<String, Object> request = new LinkedHashMap<>(Api.newTask("rep"));
		request.put("type", profile);
		request.put("title", title);
		if (due != null) {
			request.put("dueTime", due.toString());
		}
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.text("department")).isEqualTo(department);
		return response.text("id");
	}

	private void completeFromSource(String id) {
		Response done = api.post("connector", "/api/v1/tasks/" + id + "/complete", Map.of("outcome", "paid"));
		assertThat(done.status()).as(done.toString()).isEqualTo(200);
	}

	private static String json(Object value) {
		try {
			return Api.JSON.writeValueAsString(value);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
