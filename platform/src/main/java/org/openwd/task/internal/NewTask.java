package org.openwd.task.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Validated data of a task to capture. */
public record NewTask(String sourceSystem, String externalId, String type, String title, String description, String customerId,
		String customerSegment, Integer businessValue, Instant createdAt, Instant activationTime, Instant dueTime,
		String department, String process, Set<String> requiredSkills, Map<String, Object> attributes) {

	public NewTask {
		requiredSkills = requiredSkills == null ? Set.of() : requiredSkills;
		attributes = attributes == null ? Map.of() : attributes;
	}

}
