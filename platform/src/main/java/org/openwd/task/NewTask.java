package org.openwd.task;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Data of a task to capture (validated by the caller: the REST API or a connector). */
public record NewTask(String sourceSystem, String externalId, String type, String title, String description, String customerId,
		String customerSegment, Integer businessValue, Instant createdAt, Instant activationTime, Instant dueTime,
		String department, String process, Set<String> requiredSkills, Map<String, Object> attributes) {

	public NewTask {
		requiredSkills = requiredSkills == null ? Set.of() : requiredSkills;
		attributes = attributes == null ? Map.of() : attributes;
	}

}
