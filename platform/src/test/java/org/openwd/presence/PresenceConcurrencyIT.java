package org.openwd.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.presence.PresenceFixtures.force;
import static org.openwd.presence.PresenceFixtures.history;
import static org.openwd.presence.PresenceFixtures.newEmployee;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;

/** Many presence changes to one employee at once: none is lost, none fails, the history is one unbroken chain. */
class PresenceConcurrencyIT extends IntegrationTest {

	static final int THREADS = 10;

	static final int CHANGES_PER_THREAD = 10;

	static final String[][] TARGETS = { { "READY", null }, { "NOT_READY", "break" }, { "NOT_READY", "lunch" },
			{ "OFFLINE", null } };

	@Test
	void concurrentChangesLoseNoHistoryEntry() throws Exception {
		String id = newEmployee(api);
		long initialVersion = api.get("admin", "/api/v1/employees/" + id).body().path("version").asLong();
		List<Response> responses = new CopyOnWriteArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < CHANGES_PER_THREAD; i++) {
						String[] target = TARGETS[(thread + i) % TARGETS.length];
						responses.add(force(api, thread % 2 == 0 ? "admin" : "supervisor", id, target[0], target[1]));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(responses).hasSize(THREADS * CHANGES_PER_THREAD);
		assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
		JsonNode last = api.get("admin", "/api/v1/employees/" + id).body();
		long changes = last.path("version").asLong() - initialVersion;
		// every real change answered with the version it created; an answer that changed nothing repeats one of those
		Set<Long> createdVersions = new TreeSet<>();
		responses.forEach(r -> createdVersions.add(r.body().path("version").asLong()));
		createdVersions.remove(initialVersion);

		List<JsonNode> history = history(api, id);
		assertThat(changes).isPositive();
		assertThat(history).hasSize((int) changes);
		assertThat(createdVersions).hasSize((int) changes);
		for (int i = 0; i < history.size(); i++) {
			JsonNode entry = history.get(i);
			assertThat(entry.path("seq").asInt()).isEqualTo(i + 1);
			if (i > 0) {
				JsonNode previous = history.get(i - 1);
				assertThat(entry.path("from").asText()).as("entry %d starts where %d ended", i + 1, i)
					.isEqualTo(previous.path("to").asText());
				boolean sameState = entry.path("from").asText().equals(entry.path("to").asText());
				if (sameState) {
					assertThat(entry.path("to").asText()).isEqualTo("NOT_READY");
					assertThat(entry.path("reason").asText()).isNotEqualTo(previous.path("reason").asText());
				}
			}
		}
		JsonNode newest = history.get(history.size() - 1);
		assertThat(last.path("presence").asText()).isEqualTo(newest.path("to").asText());
		String expectedReason = "NOT_READY".equals(newest.path("to").asText()) ? newest.path("reason").asText() : null;
		assertThat(last.path("reason").asText(null)).isEqualTo(expectedReason);
	}

}
