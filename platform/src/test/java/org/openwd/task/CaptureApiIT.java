package org.openwd.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.TestEventRecorder;

class CaptureApiIT extends IntegrationTest {

	@Test
	void capturesATaskAndAnswersARepeatWithTheExistingTaskUnchanged() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("attributes", Map.of("amount", 1200, "channel", "email"));
		request.put("requiredSkills", List.of("claims", "water"));
		request.put("businessValue", 40);
		Response created = api.post("connector", "/api/v1/tasks", request);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/tasks/" + created.text("id"));
		assertThat(created.text("state")).isEqualTo("QUEUED");
		assertThat(created.body().path("attributes").path("amount").asInt()).isEqualTo(1200);

		request.put("title", "A different title");
		Response repeated = api.post("connector", "/api/v1/tasks", request);
		assertThat(repeated.status()).isEqualTo(200);
		assertThat(repeated.text("id")).isEqualTo(created.text("id"));
		assertThat(repeated.text("title")).isEqualTo("Water damage claim");
		assertThat(repeated.body().path("version").asLong()).isEqualTo(created.body().path("version").asLong());
		assertThat(history(created.text("id"))).hasSize(2);
	}

	@Test
	void capturesExactlyOneTaskWhenTheSameKeyArrivesConcurrently() throws Exception {
		Map<String, Object> request = Api.newTask("erp");
		int threads = 16;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> answers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			answers.add(pool.submit((Callable<Response>) () -> {
				start.await();
				return api.post("connector", "/api/v1/tasks", request);
			}));
		}
		start.countDown();
		List<Response> responses = new ArrayList<>();
		for (Future<Response> answer : answers) {
			responses.add(answer.get());
		}
		pool.shutdown();
		assertThat(responses).extracting(Response::status).containsOnly(201, 200);
		assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		assertThat(responses).extracting(r -> r.text("id")).containsOnly(responses.get(0).text("id"));
		Response list = api.get("supervisor", "/api/v1/tasks?sourceSystem=erp&q=" + "Water&size=500");
		assertThat(list.body().path("items").findValuesAsText("externalId")).containsOnlyOnce(request.get("externalId").toString());
	}

	@Test
	void returnsATaskWithItsCompleteHistoryAndETag() {
		String id = capture().text("id");
		api.post("supervisor", "/api/v1/tasks/" + id + "/hold", Map.of("reason", "customer on holiday"));
		api.post("supervisor", "/api/v1/tasks/" + id + "/resume", Map.of());
		Response detail = api.get("supervisor", "/api/v1/tasks/" + id);
		assertThat(detail.status()).isEqualTo(200);
		assertThat(detail.header("ETag")).isEqualTo("\"" + detail.body().path("task").path("version").asLong() + "\"");
		JsonNode history = detail.body().path("history");
		assertThat(history.findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "HOLD", "RESUME");
		assertThat(history.findValuesAsText("to")).containsExactly("CAPTURED", "QUEUED", "HELD", "QUEUED");
		assertThat(history.get(0).has("from")).isFalse();
		assertThat(history.get(2).path("actor").asText()).isEqualTo("supervisor");
		assertThat(history.get(2).path("reason").asText()).isEqualTo("customer on holiday");
		assertThat(history.findValuesAsText("seq")).containsExactly("1", "2", "3", "4");
		history.forEach(entry -> assertThat(entry.path("at").asText()).isNotBlank());
	}

	@Test
	void walksTheLifecycleThroughTheApiAndRefusesIllegalTransitionsNamingTheState() {
		String id = capture().text("id");
		assertThat(api.post("connector", "/api/v1/tasks/" + id + "/hold", Map.of("reason", "source paused")).text("state"))
			.isEqualTo("HELD");
		Response refused = api.post("connector", "/api/v1/tasks/" + id + "/hold", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("type")).isEqualTo("https://openwd.org/problems/illegal-transition");
		assertThat(refused.text("detail")).contains("is HELD");
		assertThat(refused.text("currentState")).isEqualTo("HELD");
		assertThat(api.post("connector", "/api/v1/tasks/" + id + "/cancel", Map.of("reason", "duplicate")).text("state"))
			.isEqualTo("CANCELED");
		Response cancelAgain = api.post("supervisor", "/api/v1/tasks/" + id + "/cancel", Map.of());
		assertThat(cancelAgain.status()).isEqualTo(409);
		assertThat(cancelAgain.text("detail")).contains("is CANCELED");
		assertThat(api.post("supervisor", "/api/v1/tasks/" + id + "/resume", Map.of()).status()).isEqualTo(409);
		Response restarted = api.post("supervisor", "/api/v1/tasks/" + id + "/restart", Map.of("reason", "not a duplicate"));
		assertThat(restarted.text("state")).isEqualTo("QUEUED");
		Response completed = api.post("connector", "/api/v1/tasks/" + id + "/complete", Map.of("outcome", "paid", "note", "by phone"));
		assertThat(completed.text("state")).isEqualTo("COMPLETED");
		assertThat(completed.text("outcome")).isEqualTo("paid");
		assertThat(api.post("connector", "/api/v1/tasks/" + id + "/reject", Map.of()).status()).isEqualTo(409);
		assertThat(history(id).findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "HOLD", "CANCEL", "RESTART",
				"CLASSIFY", "COMPLETE_FROM_SOURCE");

		String other = capture().text("id");
		assertThat(api.post("connector", "/api/v1/tasks/" + other + "/reject", Map.of("reason", "invalid policy")).text("state"))
			.isEqualTo("REJECTED");
		assertThat(api.post("connector", "/api/v1/tasks/" + UUID.randomUUID() + "/cancel", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void updatesFromTheSourceMergeAttributesAndGuardAgainstLostUpdates() {
		Map<String, Object> request = Api.newTask("crm");
		// documents keep the source's business value and due time (see the default classification table)
		request.put("type", "document");
		request.put("attributes", Map.of("amount", 100, "channel", "email"));
		Response created = api.post("connector", "/api/v1/tasks", request);
		String id = created.text("id");
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("amount", 250);
		attributes.put("channel", null);
		attributes.put("priorityCustomer", true);
		String due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		Response updated = api.patch("connector", "/api/v1/tasks/" + id,
				Map.of("attributes", attributes, "businessValue", 70, "dueTime", due), Map.of("If-Match", created.header("ETag")));
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.body().path("attributes").path("amount").asInt()).isEqualTo(250);
		assertThat(updated.body().path("attributes").has("channel")).isFalse();
		assertThat(updated.body().path("attributes").path("priorityCustomer").asBoolean()).isTrue();
		assertThat(updated.body().path("businessValue").asInt()).isEqualTo(70);
		assertThat(updated.text("dueTime")).isEqualTo(due);
		Response stale = api.patch("connector", "/api/v1/tasks/" + id, Map.of("businessValue", 1), Map.of("If-Match", created.header("ETag")));
		assertThat(stale.status()).isEqualTo(412);
		JsonNode stored = api.get("supervisor", "/api/v1/tasks/" + id).body().path("task");
		assertThat(stored.path("businessValue").asInt()).isEqualTo(70);
		assertThat(stored.path("attributes").path("amount").asInt()).as("the replaced attributes were stored").isEqualTo(250);
		assertThat(stored.path("attributes").has("channel")).isFalse();
		assertThat(history(id).findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "UPDATE");
	}

	@Test
	void addressesTasksByTheSourcesOwnKey() {
		Map<String, Object> request = Api.newTask("mainframe");
		String id = api.post("connector", "/api/v1/tasks", request).text("id");
		String path = "/api/v1/sources/mainframe/tasks/" + request.get("externalId");
		assertThat(api.get("connector", path).text("id")).isEqualTo(id);
		assertThat(api.patch("connector", path, Map.of("title", "Renamed"), Map.of()).text("title")).isEqualTo("Renamed");
		assertThat(api.post("connector", path + "/hold", Map.of()).text("state")).isEqualTo("HELD");
		assertThat(api.post("connector", path + "/resume", Map.of()).text("state")).isEqualTo("QUEUED");
		assertThat(api.post("connector", path + "/complete", Map.of("outcome", "done")).text("state")).isEqualTo("COMPLETED");
		assertThat(api.get("connector", "/api/v1/sources/mainframe/tasks/nope").status()).isEqualTo(404);
	}

	@Test
	void listsWithFiltersPagingAndSorting() {
		String source = "list-" + UUID.randomUUID().toString().substring(0, 8);
		Instant base = Instant.parse("2030-01-01T00:00:00Z");
		for (int i = 0; i < 5; i++) {
			Map<String, Object> request = Api.newTask(source);
			request.put("title", (i % 2 == 0 ? "Invoice " : "Address change ") + i);
			request.put("dueTime", base.plus(i, ChronoUnit.HOURS).toString());
			request.put("type", i < 3 ? "invoice" : "claim");
			request.put("customerId", "CUST-" + i);
			api.post("connector", "/api/v1/tasks", request);
		}
		Response page = api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&sort=dueTime,desc&size=2&page=0");
		assertThat(page.body().path("totalElements").asInt()).isEqualTo(5);
		assertThat(page.body().path("totalPages").asInt()).isEqualTo(3);
		assertThat(page.body().path("items").findValuesAsText("title")).containsExactly("Invoice 4", "Address change 3");
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&sort=dueTime,asc&size=2&page=2")
			.body().path("items").findValuesAsText("title")).containsExactly("Invoice 4");
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&q=invoice").body().path("totalElements").asInt())
			.isEqualTo(3);
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&department=claims").body()
			.path("totalElements").asInt()).isEqualTo(2);
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&dueBefore=2030-01-01T02:00:00Z").body()
			.path("totalElements").asInt()).isEqualTo(2);
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&dueAfter=2030-01-01T02:00:00Z&customerId=CUST-3")
			.body().path("items").findValuesAsText("title")).containsExactly("Address change 3");
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&state=QUEUED&state=HELD").body()
			.path("totalElements").asInt()).isEqualTo(5);
		assertThat(api.get("supervisor", "/api/v1/tasks?sourceSystem=" + source + "&state=COMPLETED").body()
			.path("totalElements").asInt()).isZero();
	}

	@Test
	void answersEachItemOfABatchIndividuallyAndCommitsTheValidOnes() {
		Map<String, Object> existing = Api.newTask("batch");
		String existingId = api.post("connector", "/api/v1/tasks", existing).text("id");
		Map<String, Object> fresh = Api.newTask("batch");
		Map<String, Object> invalid = Api.newTask("batch");
		invalid.remove("title");
		invalid.put("businessValue", "high");
		Response response = api.post("connector", "/api/v1/tasks/batch", List.of(fresh, existing, invalid, fresh));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode results = response.body().path("results");
		List<Integer> statuses = new ArrayList<>();
		results.forEach(result -> statuses.add(result.path("status").asInt()));
		assertThat(statuses).containsExactly(201, 200, 400, 200);
		assertThat(results.get(1).path("task").path("id").asText()).isEqualTo(existingId);
		assertThat(results.get(3).path("task").path("id").asText()).isEqualTo(results.get(0).path("task").path("id").asText());
		assertThat(results.get(2).path("problem").path("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
				"[2].businessValue");
		assertThat(response.body().path("created").asInt()).isEqualTo(1);
		assertThat(response.body().path("existing").asInt()).isEqualTo(2);
		assertThat(response.body().path("failed").asInt()).isEqualTo(1);
		assertThat(api.get("connector", "/api/v1/sources/batch/tasks/" + invalid.get("externalId")).status()).isEqualTo(404);
	}

	@Test
	void queuesADeferredTaskWhenItsActivationTimeComes() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("activationTime", Instant.now().plusSeconds(2).toString());
		Response created = api.post("connector", "/api/v1/tasks", request);
		assertThat(created.text("state")).isEqualTo("SCHEDULED");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(api.get("supervisor", "/api/v1/tasks/" + created.text("id")).body().path("task")
				.path("state").asText()).isEqualTo("QUEUED"));
		assertThat(history(created.text("id")).findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "ACTIVATE");
	}

	@Test
	void publishesEveryStateChangeAfterCommitInOrder() {
		String id = capture().text("id");
		api.post("supervisor", "/api/v1/tasks/" + id + "/hold", Map.of());
		api.post("supervisor", "/api/v1/tasks/" + id + "/cancel", Map.of());
		TaskId taskId = TaskId.of(id);
		await().atMost(Duration.ofSeconds(15)).until(() -> events.of(taskId).size() == 4);
		List<TestEventRecorder.Seen> seen = events.of(taskId);
		assertThat(seen).extracting(s -> s.event().to())
			.containsExactlyInAnyOrder(TaskState.CAPTURED, TaskState.QUEUED, TaskState.HELD, TaskState.CANCELED);
		// each listener call saw its change already committed
		seen.forEach(s -> assertThat(s.committedHistoryCount()).isGreaterThanOrEqualTo(s.event().seq()));
	}

	@Test
	void refusesAChangedTaskWithoutWritingAnythingWhenTheTransitionIsIllegal() {
		String id = capture().text("id");
		api.post("connector", "/api/v1/tasks/" + id + "/cancel", Map.of());
		long version = api.get("supervisor", "/api/v1/tasks/" + id).body().path("task").path("version").asLong();
		assertThat(api.patch("connector", "/api/v1/tasks/" + id, Map.of("title", "late"), Map.of()).status()).isEqualTo(409);
		JsonNode after = api.get("supervisor", "/api/v1/tasks/" + id).body();
		assertThat(after.path("task").path("version").asLong()).isEqualTo(version);
		assertThat(after.path("task").path("title").asText()).isEqualTo("Water damage claim");
		assertThat(after.path("history")).hasSize(3);
	}

	@Test
	void servesTheOpenApiDocumentDescribingTheCaptureApi() {
		Response doc = api.get(null, "/v3/api-docs");
		assertThat(doc.status()).isEqualTo(200);
		assertThat(doc.body().path("paths").has("/api/v1/tasks")).isTrue();
		assertThat(doc.body().path("paths").has("/api/v1/tasks/batch")).isTrue();
		assertThat(doc.body().path("components").path("schemas").has("CaptureTask")).isTrue();
	}

	private Response capture() {
		Response response = api.post("connector", "/api/v1/tasks", Api.newTask("crm"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response;
	}

	private JsonNode history(String id) {
		return api.get("supervisor", "/api/v1/tasks/" + id).body().path("history");
	}

	static HttpRequest.Builder request(String url) {
		return HttpRequest.newBuilder(URI.create(url));
	}

}
