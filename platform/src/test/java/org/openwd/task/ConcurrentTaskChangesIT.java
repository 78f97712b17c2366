package org.openwd.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;

/**
 * Many changes to one task at the same moment (escalation steps, supervisors, the distributor) run one after the other:
 * none is lost, none fails on the history's key, and the history stays gap-free and in order.
 */
class ConcurrentTaskChangesIT extends IntegrationTest {

	@Autowired
	GlobalTaskList tasks;

	@Test
	void concurrentChangesOfOneTaskAllCommitInOrderWithAGapFreeHistory() throws Exception {
		Map<String, Object> request = Api.newTask("concurrency");
		request.put("type", "unrouted-" + System.nanoTime()); // no rule: ERROR_HELD, so nothing else touches it
		Api.Response captured = api.post("connector", "/api/v1/tasks", request);
		assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
		TaskId id = new TaskId(java.util.UUID.fromString(captured.text("id")));
		int before = api.get("supervisor", "/api/v1/tasks/" + id.value()).body().path("history").size();

		int changes = 12;
		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<TaskSnapshot>> results = new ArrayList<>();
		for (int i = 0; i < changes; i++) {
			String stage = "step-" + i;
			results.add(pool.submit(() -> {
				start.await();
				return tasks.recordEscalation(id, stage, Map.of("n", stage), "test");
			}));
		}
		start.countDown();
		for (Future<TaskSnapshot> result : results) {
			assertThat(result.get()).isNotNull();
		}
		pool.shutdown();

		JsonNode history = api.get("supervisor", "/api/v1/tasks/" + id.value()).body().path("history");
		assertThat(history).hasSize(before + changes);
		for (int i = 0; i < history.size(); i++) {
			assertThat(history.get(i).path("seq").asInt()).isEqualTo(i + 1);
		}
		assertThat(history.findValuesAsText("action").stream().filter("ESCALATE"::equals)).hasSize(changes);
	}

}
