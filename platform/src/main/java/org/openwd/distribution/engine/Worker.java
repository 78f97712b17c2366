package org.openwd.distribution.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An employee as the engine sees one: readiness, skills, capacity and current load.
 *
 * @param id login name
 * @param department home department (borrowing is across departments)
 * @param skills skill to proficiency
 * @param channelCapacity most tasks at once per channel
 * @param totalCapacity most tasks at once
 * @param shiftEnd end of shift, or {@code null}
 * @param ready presence READY
 * @param substitute who takes personal work while this one is out of office, or {@code null}
 * @param outOfOffice away
 */
public record Worker(String id, String department, Map<String, Integer> skills, Map<String, Integer> channelCapacity,
		int totalCapacity, Instant shiftEnd, boolean ready, String substitute, boolean outOfOffice) {

	public Worker {
		skills = Map.copyOf(skills == null ? Map.of() : skills);
		channelCapacity = Map.copyOf(channelCapacity == null ? Map.of() : channelCapacity);
	}

	/** The engine's mutable view of a worker's load. */
	static final class Load {

		final Map<String, Integer> perChannel = new HashMap<>();

		int total;

		/** Since when the worker has been ready with free capacity (for longest-idle). */
		Instant idleSince;

		/** Work handed out within the rolling window (for least-occupied). */
		int handedOut;

	}

}
