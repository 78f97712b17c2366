package org.openwd.rules.priority;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Readable tasks for the priority tests: named tasks on 2 March 2026, times written as {@code "09:05:30"}. */
final class PriorityFixtures {

	private static final Map<UUID, String> NAMES = new ConcurrentHashMap<>();

	static final PriorityPolicy EMAIL = PriorityPolicy.aging(10, 5, Duration.ofSeconds(60), 100);

	static final PriorityPolicy VOICE = PriorityPolicy.aging(50, 1, Duration.ofSeconds(60), 60);

	private PriorityFixtures() {
	}

	static Instant at(String time) {
		return Instant.parse("2026-03-02T" + time + "Z");
	}

	static UUID id(String name) {
		UUID id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
		NAMES.put(id, name);
		return id;
	}

	static String name(UUID id) {
		return NAMES.getOrDefault(id, id.toString());
	}

	/** A task named {@code name} queued at {@code time} (e.g. {@code "09:00:00"}). */
	static PrioritySubject task(String name, String time) {
		return PrioritySubject.queued(id(name), at(time));
	}

	static List<String> names(List<AgingOrderIndex.Entry> entries) {
		return entries.stream().map(entry -> name(entry.taskId())).toList();
	}

}
