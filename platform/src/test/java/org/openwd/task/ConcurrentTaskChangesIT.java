package org.openwd.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;

/**
 * Many changes to one task at the same moment (escalation steps, supervisors, the distributor) run one after the other:
 * none is lost, none fails on the history's key, and the history stays gap-free and in order.
 */
class ConcurrentTaskChangesIT extends IntegrationTest {

	@Autowired
	GlobalTaskList tasks;

	@Autowired
	PlatformTransactionManager transactions;

	private TaskId unroutedTask() {
		Map<String, Object> request = Api.newTask("concurrency");
		request.put("type", "unrouted-" + System.nanoTime()); // no rule: ERROR_HELD, so nothing else touches it
		Api.Response captured = api.post("connector", "/api/v1/tasks", request);
		assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
		return new TaskId(java.util.UUID.fromString(captured.text("id")));
	}

	/**
	 * An escalation job changes its task twice in one transaction (priority, then a supervisor notice), after reading
	 * it: the second change works on the first one's state, and the row stays locked against others until the commit.
	 */
	@Test
	void severalChangesOfOneTaskInOneTransactionBuildOnEachOtherAndHoldTheLockUntilCommit() throws Exception {
		TaskId id = unroutedTask();
		TaskSnapshot before = tasks.find(id).orElseThrow();
		Race race = inOneTransactionAgainstACompetitor(id, competitor -> {
			TaskSnapshot read = tasks.find(id).orElseThrow();
			TaskSnapshot first = tasks.prioritize(id, read.priorityPinned(), read.priorityBoost() + 50, "warning", "test");
			competitor.start();
			TaskSnapshot second = tasks.recordEscalation(id, "warning", Map.of("step", 2), "test");
			assertThat(second.priorityBoost()).as("built on the first change").isEqualTo(before.priorityBoost() + 50);
			assertThat(first.version()).as("the version the commit stores").isEqualTo(before.version() + 1);
			assertThat(second.version()).as("both changes are written once, at the commit").isEqualTo(first.version());
			competitor.assertWaiting("another transaction waits for the lock");
			return second;
		});
		TaskSnapshot after = race.competitor();
		assertThat(after.escalationStage()).isEqualTo("competing");
		assertThat(after.priorityBoost()).isEqualTo(before.priorityBoost() + 50);
		assertThat(after.version()).isEqualTo(race.inside().version() + 1);
		JsonNode history = api.get("supervisor", "/api/v1/tasks/" + id.value()).body().path("history");
		List<String> actions = history.findValuesAsText("action");
		assertThat(actions.subList(actions.size() - 3, actions.size())).containsExactly("PRIORITIZE", "ESCALATE", "ESCALATE");
		assertThat(history.get(history.size() - 1).path("actor").asText()).isEqualTo("other");
	}

	/**
	 * The escalation actions' read: an open task is read and locked in the caller's transaction, shows that
	 * transaction's changes not written yet, and the verbs that follow build on it; a closed task is not answered.
	 */
	@Test
	void anOpenTaskIsReadForChangeWithTheTransactionsPendingChangesAndAClosedOneIsNot() throws Exception {
		TaskId id = unroutedTask();
		TaskSnapshot before = tasks.find(id).orElseThrow();
		Race race = inOneTransactionAgainstACompetitor(id, competitor -> {
			TaskSnapshot read = tasks.findOpenForChange(id).orElseThrow();
			assertThat(read.version()).isEqualTo(before.version());
			competitor.start();
			tasks.prioritize(id, read.priorityPinned(), read.priorityBoost() + 50, "warning", "test");
			TaskSnapshot again = tasks.findOpenForChange(id).orElseThrow();
			assertThat(again.priorityBoost()).as("this transaction's change").isEqualTo(before.priorityBoost() + 50);
			assertThat(again.version()).as("the version the commit stores").isEqualTo(before.version() + 1);
			competitor.assertWaiting("the read holds the lock");
			return tasks.recordEscalation(id, "warning", Map.of(), "test");
		});
		assertThat(race.competitor().version()).isEqualTo(race.inside().version() + 1);
		assertThat(tasks.find(id).orElseThrow().priorityBoost()).isEqualTo(before.priorityBoost() + 50);

		tasks.cancel(id, "done", "test");
		java.util.Optional<TaskSnapshot> closed = new TransactionTemplate(transactions)
			.execute(status -> tasks.findOpenForChange(id));
		assertThat(closed).isEmpty();
		assertThat(tasks.findOpenForChange(new TaskId(java.util.UUID.randomUUID()))).isEmpty();
	}

	@Test
	void concurrentChangesOfOneTaskAllCommitInOrderWithAGapFreeHistory() throws Exception {
		TaskId id = unroutedTask();
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

	/** What one transaction and a competing change of the same task from another thread each ended with. */
	record Race(TaskSnapshot inside, TaskSnapshot competitor) {
	}

	/** The competing change: an escalation record by "other", started when the transaction says so. */
	interface Competitor {

		void start();

		/** The competing change has not finished within 500 ms: it waits for this transaction's lock. */
		void assertWaiting(String description);

	}

	/** Runs {@code work} in one transaction; the competing change it starts commits after that transaction. */
	private Race inOneTransactionAgainstACompetitor(TaskId id, java.util.function.Function<Competitor, TaskSnapshot> work)
			throws Exception {
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			java.util.concurrent.atomic.AtomicReference<Future<TaskSnapshot>> competing = new java.util.concurrent.atomic.AtomicReference<>();
			Competitor competitor = new Competitor() {

				@Override
				public void start() {
					competing.set(other.submit(() -> tasks.recordEscalation(id, "competing", Map.of(), "other")));
				}

				@Override
				public void assertWaiting(String description) {
					assertThatThrownBy(() -> competing.get().get(500, TimeUnit.MILLISECONDS)).as(description)
						.isInstanceOf(TimeoutException.class);
				}

			};
			TaskSnapshot inside = new TransactionTemplate(transactions).execute(status -> work.apply(competitor));
			return new Race(inside, competing.get().get(30, TimeUnit.SECONDS));
		}
		finally {
			other.shutdownNow();
		}
	}

}
