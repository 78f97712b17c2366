package org.openwd.distribution.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.openwd.rules.priority.CampaignBoost;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;

/** The engine keeps queued tasks in a compact form: what goes in comes back equal, and profile changes reach them. */
class MatchingEngineStorageTests {

	static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

	final MatchingEngine engine = new MatchingEngine(SelectionStrategy.LONGEST_IDLE, Duration.ofHours(8),
			ServiceLevels.ALWAYS_MET);

	MatchingEngineStorageTests() {
		engine.profile(rules("claims", "claims"), PriorityPolicy.aging(10, 3, Duration.ofSeconds(20), 100));
		engine.profile(rules("email", "service"), PriorityPolicy.aging(10, 1, Duration.ofMinutes(1), 50));
	}

	static RoutingRules rules(String name, String target) {
		return RoutingRules.of(name, List.of(target), List.of(), null, null, "case", Duration.ofMinutes(5),
				Duration.ofSeconds(30), false);
	}

	@Test
	void givesBackEveryQueuedTaskEqualToWhatWasQueued() {
		PrioritySubject full = new PrioritySubject(UUID.randomUUID(), T0.plusNanos(123_456_789), 640,
				Instant.parse("2500-01-01T00:00:00.000000001Z"), Instant.parse("+100000-01-01T00:00:00Z"), true, -7,
				List.of(new CampaignBoost("flood", 5, T0.plusSeconds(600))));
		QueuedTask personal = new QueuedTask(full, "claims", Set.of("claims", "water"), "north", "CUST-9", Set.of("ann", "bob"),
				"owner", 2);
		QueuedTask plain = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0), "email", Set.of(), null, null, Set.of());
		QueuedTask everyone = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0).withBusinessValue(0), "email",
				Set.of("service"), "south", null, Set.of(), null, QueuedTask.ALL_WITH_SKILLS);

		for (QueuedTask task : List.of(personal, plain, everyone)) {
			engine.queue(task);
		}

		assertThat(engine.task(personal.id())).contains(personal);
		assertThat(engine.task(plain.id())).contains(plain);
		assertThat(engine.task(everyone.id())).contains(everyone);
		assertThat(engine.task(plain.id()).orElseThrow().priority().businessValue()).isNull();
		assertThat(engine.queuedCount()).isEqualTo(3);
	}

	@Test
	void replacesAQueuedTaskAndForgetsItOnDequeue() {
		QueuedTask task = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0), "claims", Set.of("claims"), "north",
				null, Set.of());
		engine.queue(task);
		QueuedTask rerouted = new QueuedTask(task.priority().withSupervisorBoost(5), "email", Set.of("service"), "south", null,
				Set.of("ann"));

		engine.queue(rerouted);

		assertThat(engine.task(task.id())).contains(rerouted);
		assertThat(engine.queuedCount()).isEqualTo(1);
		assertThat(engine.dequeue(task.id())).isTrue();
		assertThat(engine.dequeue(task.id())).isFalse();
		assertThat(engine.task(task.id())).isEmpty();
		assertThat(engine.bestEmployeeFor(task.id(), T0)).isEmpty();
	}

	@Test
	void aProfileChangeReachesTheTasksAlreadyQueued() {
		engine.worker(new Worker("ann", "north", Map.of("service", 5), Map.of("case", 1), 1, null, true, null, false), T0);
		QueuedTask task = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0), "claims", Set.of(), "north", null,
				Set.of());
		engine.queue(task);
		assertThat(engine.bestTaskFor("ann", T0)).as("ann has no claims skill").isEmpty();

		engine.profile(rules("claims", "service"), PriorityPolicy.aging(10, 3, Duration.ofSeconds(20), 100));

		assertThat(engine.rules("claims").targets()).hasSize(1);
		assertThat(engine.bestTaskFor("ann", T0)).contains(task.id());
		assertThat(engine.bestEmployeeFor(task.id(), T0)).contains("ann");
	}

}
