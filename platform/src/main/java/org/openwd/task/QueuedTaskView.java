package org.openwd.task;

import java.time.Instant;
import java.util.Set;

/**
 * What the in-memory indexes of the queue (the distribution engine, the queue order) need of a queued task, and nothing
 * more: read at start-up in one pass of a dozen columns, without the full task, its title or its attributes.
 * <p>
 * {@code waitingSince} is when aging counts from: the time the task first joined the queue, or its capture time if it
 * never did. {@code personalEmployee} is the task attribute {@value #PERSONAL_EMPLOYEE} (as text), or {@code null};
 * {@code targetStep} as in {@link TaskSnapshot}.
 */
public record QueuedTaskView(TaskId id, String routingProfile, Set<String> requiredSkills, String department,
		String customerId, Integer businessValue, Instant waitingSince, Instant slaWarningAt, Instant dueTime,
		boolean priorityPinned, int priorityBoost, String personalEmployee, Integer targetStep) {

	/** Task attribute naming the employee personal work is meant for. */
	public static final String PERSONAL_EMPLOYEE = "personalEmployee";

	/** The same view of a full snapshot (for the live path: a task re-read after an event). */
	public static QueuedTaskView of(TaskSnapshot task) {
		Object personal = task.attributes() == null ? null : task.attributes().get(PERSONAL_EMPLOYEE);
		return new QueuedTaskView(task.id(), task.routingProfile(), task.requiredSkills() == null ? Set.of() : task.requiredSkills(),
				task.department(), task.customerId(), task.businessValue(),
				task.waitingSince() != null ? task.waitingSince() : task.capturedAt(), task.slaWarningAt(), task.dueTime(),
				task.priorityPinned(), task.priorityBoost(), personal == null ? null : personal.toString(), task.targetStep());
	}

}
