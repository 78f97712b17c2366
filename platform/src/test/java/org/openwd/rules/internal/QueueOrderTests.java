package org.openwd.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.rules.internal.QueueSnapshots.NOW;
import static org.openwd.rules.internal.QueueSnapshots.queued;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.openwd.rules.priority.PriorityPolicy;

/** The queue views' in-memory order: priority order, a filter on what is attached, and nothing else kept per task. */
class QueueOrderTests {

	final QueueOrder order = new QueueOrder();

	QueueOrderTests() {
		order.replacePolicy("claims", PriorityPolicy.aging(10, 1, Duration.ofMinutes(1), 100));
		order.replacePolicy("email", PriorityPolicy.aging(30, 0, Duration.ofMinutes(1), 30));
	}

	@Test
	void returnsTheBestTasksFirstAndFollowsMovesAndRemovals() {
		UUID older = new UUID(0, 1);
		UUID newer = new UUID(0, 2);
		UUID email = new UUID(0, 3);
		order.upsert(queued(older, "claims", NOW.minusSeconds(600), Set.of()));
		order.upsert(queued(newer, "claims", NOW.minusSeconds(60), Set.of()));
		order.upsert(queued(email, "email", NOW, Set.of()));

		assertThat(order.top(NOW, 3, (task, since) -> true)).containsExactly(email, older, newer);

		order.upsert(queued(email, "claims", NOW, Set.of()));
		assertThat(order.top(NOW, 3, (task, since) -> true)).as("moved to the other profile").containsExactly(older, newer, email);
		assertThat(order.remove(older)).isTrue();
		assertThat(order.contains(older)).isFalse();
		assertThat(order.top(NOW, 3, (task, since) -> true)).containsExactly(newer, email);
		assertThat(order.size()).isEqualTo(2);
	}

	@Test
	void showsTheFilterEachTasksProfileLowerCasedSkillsAndWaitingTime() {
		UUID id = new UUID(0, 7);
		Instant since = NOW.minusSeconds(42);
		order.upsert(queued(id, "claims", since, Set.of("Water", "claims")));
		List<Object[]> seen = new ArrayList<>();

		order.top(NOW, 1, (task, waitingSince) -> seen.add(new Object[] { task.profile(), task.skills(), waitingSince }));

		assertThat(seen).singleElement()
			.satisfies(args -> assertThat(args).containsExactly("claims", Set.of("water", "claims"), since));
		assertThat(order.top(NOW, 1, (task, waitingSince) -> task.skills().contains("Water"))).isEmpty();
	}

	@Test
	void sharesOneAttachedEntryAmongTasksWithTheSameProfileAndSkills() {
		List<QueueOrder.Queued> seen = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			order.upsert(queued(new UUID(1, i), "claims", NOW.minusSeconds(i), Set.of(QueueSnapshots.fresh("water"))));
		}
		order.upsert(queued(new UUID(2, 0), "claims", NOW, Set.of("fire")));

		order.top(NOW, 100, (task, since) -> seen.add(task));

		assertThat(seen).hasSize(51);
		assertThat(seen.stream().filter(task -> task.skills().contains("water")).distinct().count()).isEqualTo(1);
		Set<QueueOrder.Queued> instances = Collections.newSetFromMap(new IdentityHashMap<>());
		instances.addAll(seen);
		assertThat(instances).as("distinct instances").hasSize(2);
	}

	@Test
	void knowsOnlyProfilesWithAPolicy() {
		assertThat(order.knows("claims")).isTrue();
		assertThat(order.knows("fax")).isFalse();
		assertThat(order.knows(null)).isFalse();
	}

}
