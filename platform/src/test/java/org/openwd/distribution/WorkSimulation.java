package org.openwd.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.openwd.testing.Api;

/**
 * Simulated employees working concurrently through the REST API (possibly on different nodes): they accept what they
 * are offered and complete it, while a checker samples the invariants: never more open tasks than capacity.
 */
final class WorkSimulation {

	record Agent(String id, Api api, int capacity) {
	}

	final Map<String, Integer> maxSeen = new ConcurrentHashMap<>();

	final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	final AtomicInteger completed = new AtomicInteger();

	/**
	 * Works until {@code total} tasks of {@code type} are completed (by anyone) or the time runs out; returns the
	 * completed count. Tasks of other types are left alone.
	 */
	int work(List<Agent> agents, String type, int total, Duration timeout) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(agents.size());
		Instant deadline = Instant.now().plus(timeout);
		List<Future<?>> running = new ArrayList<>();
		for (Agent agent : agents) {
			running.add(pool.submit(() -> {
				while (completed.get() < total && Instant.now().isBefore(deadline)) {
					JsonNode mine = agent.api().get(agent.id(), "/api/v1/me/tasks").body();
					maxSeen.merge(agent.id(), mine.size(), Math::max);
					if (mine.size() > agent.capacity()) {
						violations.add(agent.id() + " held " + mine.size() + " tasks, capacity " + agent.capacity());
					}
					for (JsonNode item : mine) {
						if (!type.equals(item.path("type").asText())) {
							continue;
						}
						String id = item.path("id").asText();
						if (item.path("state").asText().equals("OFFERED")) {
							agent.api().post(agent.id(), "/api/v1/me/tasks/" + id + "/accept", Map.of());
						}
						if (agent.api().post(agent.id(), "/api/v1/me/tasks/" + id + "/complete", Map.of("outcome", "done"))
							.status() == 200) {
							completed.incrementAndGet();
						}
					}
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		pool.shutdown();
		return completed.get();
	}

	/** Checks a task's history: it was never offered or assigned again while someone still held it. */
	static void assertNeverHeldTwice(Api api, String taskId) {
		JsonNode history = api.get("supervisor", "/api/v1/tasks/" + taskId).body().path("history");
		String holder = null;
		for (JsonNode entry : history) {
			String action = entry.path("action").asText();
			String to = entry.path("to").asText();
			String from = entry.path("from").asText();
			if (action.equals("OFFER") || action.equals("ASSIGN") && from.equals("QUEUED")) {
				assertThat(holder).as("task %s offered while %s held it", taskId, holder).isNull();
				holder = entry.path("details").path("employee").asText();
			}
			else if (action.equals("ASSIGN")) {
				holder = entry.path("details").path("employee").asText();
			}
			else if (!to.equals("OFFERED") && !to.equals("ASSIGNED")) {
				holder = null;
			}
		}
		assertThat(history.findValuesAsText("action").stream().filter(a -> a.equals("COMPLETE")).count()).isEqualTo(1);
	}

	static void presence(Api api, String user, String state) {
		api.send(user, HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me/presence"))
			.PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\"}")), Map.of("Content-Type", "application/json"));
	}

}
