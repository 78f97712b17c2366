package org.openwd.task.internal;

import java.time.Instant;
import java.util.Map;

/** A source's update: {@code null} fields stay as they are; attribute keys mapped to {@code null} are removed. */
public record TaskChanges(String title, String description, String customerSegment, Integer businessValue, Instant dueTime,
		Instant activationTime, Map<String, Object> attributes) {
}
