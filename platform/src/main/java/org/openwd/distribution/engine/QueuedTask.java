package org.openwd.distribution.engine;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.openwd.rules.priority.PrioritySubject;

/**
 * A queued task as the engine sees one.
 *
 * @param priority what orders it (waiting since, value, SLA, overrides)
 * @param profile its routing profile
 * @param requiredSkills skills every taker needs (proficiency of at least 1)
 * @param department owning department (people of other departments are borrowed)
 * @param customerId for last-agent routing, or {@code null}
 * @param excluded employees who rejected it (never offered again)
 * @param personalEmployee personal work: the employee it is meant for (their substitute while they are out of office),
 * preferred over anyone else who is eligible; {@code null} for ordinary work
 */
public record QueuedTask(PrioritySubject priority, String profile, Set<String> requiredSkills, String department,
		String customerId, Set<String> excluded, String personalEmployee) {

	public QueuedTask {
		requiredSkills = Set.copyOf(requiredSkills == null ? Set.of() : requiredSkills);
		excluded = Set.copyOf(excluded == null ? Set.of() : excluded);
	}

	/** Ordinary (not personal) work. */
	public QueuedTask(PrioritySubject priority, String profile, Set<String> requiredSkills, String department,
			String customerId, Set<String> excluded) {
		this(priority, profile, requiredSkills, department, customerId, excluded, null);
	}

	public UUID id() {
		return priority.taskId();
	}

	public Instant waitingSince() {
		return priority.waitingSince();
	}

}
