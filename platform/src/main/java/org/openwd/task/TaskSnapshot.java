package org.openwd.task;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Read-only view of a task, handed to other modules (classification, distribution, escalation).
 * <p>
 * {@code targetStep}: {@code null} = the cascade widens with waiting time; {@code n >= 0} = fixed on cascade step n;
 * {@link #ALL_WITH_SKILLS} = everyone with the required skills. {@code escalationStage}: the last escalation stage
 * recorded ({@code warning}, {@code overdue}, ...), or {@code null}.
 */
public record TaskSnapshot(TaskId id, String sourceSystem, String externalId, String type, String title, String description,
		String customerId, String customerSegment, Integer businessValue, Instant createdAt, Instant capturedAt,
		Instant activationTime, Instant dueTime, String department, String process, Set<String> requiredSkills,
		Map<String, Object> attributes, TaskState state, String assignedEmployee, String classifiedBy, long version,
		String stateReason, String outcome, Instant offerExpiresAt, Instant updatedAt, Instant closedAt, String routingProfile,
		Instant slaWarningAt, Instant waitingSince, boolean priorityPinned, int priorityBoost, Instant sourceDueTime,
		Integer targetStep, String escalationStage) {

	/** {@code targetStep} value: everyone with the required skills, whatever the cascade says. */
	public static final int ALL_WITH_SKILLS = -1;

	/**
	 * Whether a completion at {@code at} counts as handled within the service level: at or before the due time, or
	 * the task has none. The one rule for the live service levels, the flow report and
	 * {@link GlobalTaskList#completionsSince} (which applies it in its query).
	 */
	public boolean withinDueAt(Instant at) {
		return this.dueTime == null || !at.isAfter(this.dueTime);
	}

}
