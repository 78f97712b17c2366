package org.openwd.rules.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.openwd.rules.priority.AgingOrderIndex;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;
import org.openwd.task.QueuedTaskView;
import org.openwd.task.TaskSnapshot;

/**
 * The in-memory part of {@link QueueOrdering}, without Spring: the queued tasks in the aging-aware index, each with
 * only what the employee filter needs attached (its routing profile and its required skills, lower-cased), as one
 * instance shared by every task with the same pair. The tasks' snapshots are not kept: the few a query returns are
 * read from the task list. So a queued task costs its index node and nothing more (see docs/PERFORMANCE.md, "W4 heap").
 * Not thread-safe: {@link QueueOrdering} guards it.
 */
final class QueueOrder {

	/** What the filter needs of a task; shared by all tasks with the same profile and skills. */
	record Queued(String profile, Set<String> skills) {
	}

	/** Past this many distinct (profile, skills) pairs new ones are attached unshared: correct, only bigger. */
	static final int SHARED_LIMIT = 100_000;

	private final AgingOrderIndex index = new AgingOrderIndex();

	private final Map<Queued, Queued> shared = new HashMap<>();

	/** The same shared instances, by the (profile, skills) pair as tasks spell it (skills not yet lower-cased). */
	private final Map<Queued, Queued> sharedAsGiven = new HashMap<>();

	/** Sets a profile's policy (see {@link AgingOrderIndex#replacePolicy}). */
	void replacePolicy(String profile, PriorityPolicy policy) {
		index.replacePolicy(profile, policy);
	}

	boolean knows(String profile) {
		return profile != null && index.policy(profile).isPresent();
	}

	/** Puts a queued task in the order, or moves it; its profile must be known. */
	void upsert(TaskSnapshot task) {
		upsert(QueuedTaskView.of(task));
	}

	void upsert(QueuedTaskView task) {
		index.update(task.routingProfile(), subject(task), queued(task.routingProfile(), task.requiredSkills()));
	}

	boolean remove(UUID id) {
		return index.remove(id);
	}

	boolean contains(UUID id) {
		return index.contains(id);
	}

	int size() {
		return index.size();
	}

	/**
	 * The ids of the {@code n} best tasks at {@code now} that {@code filter} accepts; the filter sees each task's
	 * {@link Queued} and waiting time.
	 */
	List<UUID> top(Instant now, int n, Filter filter) {
		return index.topIds(now, n, (queued, waitingNanos) -> filter.accepts((Queued) queued,
				AgingOrderIndex.instantOfNanos(waitingNanos)));
	}

	@FunctionalInterface
	interface Filter {

		boolean accepts(Queued task, Instant waitingSince);

	}

	private Queued queued(String profile, Set<String> requiredSkills) {
		// the pair as given maps to its lower-cased shared instance: a rebuild of a million tasks with a few hundred
		// distinct pairs lower-cases each pair once
		Queued given = new Queued(profile, requiredSkills == null ? Set.of() : requiredSkills);
		Queued known = sharedAsGiven.get(given);
		if (known != null) {
			return known;
		}
		Set<String> skills = given.skills().stream().map(skill -> skill.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		Queued queued = new Queued(profile, skills);
		known = shared.get(queued);
		if (known != null) {
			queued = known;
		}
		else if (shared.size() < SHARED_LIMIT) {
			shared.put(queued, queued);
		}
		if (sharedAsGiven.size() < SHARED_LIMIT) {
			sharedAsGiven.put(new Queued(profile, Set.copyOf(given.skills())), queued);
		}
		return queued;
	}

	/** The priority inputs of a task: aging counts from when it was queued (its capture time if never). */
	static PrioritySubject subject(TaskSnapshot task) {
		return subject(QueuedTaskView.of(task));
	}

	static PrioritySubject subject(QueuedTaskView task) {
		return new PrioritySubject(task.id().value(), task.waitingSince(), task.businessValue(), task.slaWarningAt(),
				task.dueTime(), task.priorityPinned(), task.priorityBoost(), List.of());
	}

}
