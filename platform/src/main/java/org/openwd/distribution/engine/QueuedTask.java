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
 * @param targetStep a fixed cascade step set by escalation or a supervisor ({@code null}: widen with waiting time;
 * {@link #ALL_WITH_SKILLS}: everyone with the required skills)
 */
public record QueuedTask(PrioritySubject priority, String profile, Set<String> requiredSkills, String department,
		String customerId, Set<String> excluded, String personalEmployee, Integer targetStep) {

	/** {@code targetStep}: everyone with the required skills, whatever the cascade says. */
	public static final int ALL_WITH_SKILLS = -1;

	/** Work that follows its profile's cascade. */
	public QueuedTask(PrioritySubject priority, String profile, Set<String> requiredSkills, String department,
			String customerId, Set<String> excluded, String personalEmployee) {
		this(priority, profile, requiredSkills, department, customerId, excluded, personalEmployee, null);
	}

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
