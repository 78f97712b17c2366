package org.openwd.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;

/**
 * Queued task snapshots shaped like the ones the task list returns (every string its own instance, as read from a
 * row; skills and attributes in unmodifiable linked collections, as {@code Task.snapshot()} builds them).
 */
final class QueueSnapshots {

	static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

	private static final String[] TYPES = { "claim", "water-damage", "address-change", "complaint", "invoice-query" };

	private QueueSnapshots() {
	}

	static TaskSnapshot queued(Random random, int i, String profile, Set<String> skills) {
		Instant captured = NOW.minusSeconds(random.nextInt(8 * 3600));
		Instant due = captured.plus(Duration.ofHours(24 + random.nextInt(48)));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put(fresh("policyNumber"), fresh("POL-" + (1_000_000 + random.nextInt(9_000_000))));
		attributes.put(fresh("channel"), fresh(random.nextBoolean() ? "email" : "portal"));
		attributes.put(fresh("amount"), random.nextInt(50_000));
		Set<String> required = new LinkedHashSet<>();
		skills.forEach(skill -> required.add(fresh(skill)));
		String type = TYPES[random.nextInt(TYPES.length)];
		return new TaskSnapshot(new TaskId(new UUID(random.nextLong(), i)), fresh("crm"), fresh("EXT-" + i + "-" + random.nextInt(1000)),
				fresh(type), fresh("Customer request " + i + ": " + type + " to review"),
				fresh("Received through the portal; the customer asks for an update on the " + type + " they reported."),
				fresh("C" + (1_000_000 + random.nextInt(9_000_000))), fresh("retail"), random.nextInt(100), captured, captured,
				null, due, fresh("dept" + random.nextInt(10)), fresh("claims-handling"), Collections.unmodifiableSet(required),
				Collections.unmodifiableMap(attributes), TaskState.QUEUED, null, fresh("classification"), 3, null, null, null,
				captured.plusMillis(50), null, fresh(profile), due.minus(Duration.ofHours(4)), captured, false, 0, due, null, null);
	}

	static TaskSnapshot queued(UUID id, String profile, Instant waitingSince, Set<String> skills) {
		return new TaskSnapshot(new TaskId(id), "crm", "EXT-" + id, "claim", "title", null, null, null, null, waitingSince,
				waitingSince, null, null, null, null, skills, Map.of(), TaskState.QUEUED, null, null, 1, null, null, null,
				waitingSince, null, profile, null, waitingSince, false, 0, null, null, null);
	}

	/** A new String equal to {@code text}, as a row read would return. */
	static String fresh(String text) {
		return new String(text.toCharArray());
	}

	static List<String> profiles() {
		return List.of("claims", "email", "letters");
	}

}
