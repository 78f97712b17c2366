package org.openwd.task.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openwd.task.TaskAction;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.internal.TaskHistoryEntry;
import org.springframework.http.ProblemDetail;

/** Response bodies of the capture API. */
final class TaskResponses {

	private TaskResponses() {
	}

	record TaskResponse(String id, String sourceSystem, String externalId, String type, String title, String description,
			String customerId, String customerSegment, Integer businessValue, Instant createdAt, Instant capturedAt,
			Instant activationTime, Instant dueTime, String department, String process, Set<String> requiredSkills,
			Map<String, Object> attributes, TaskState state, String stateReason, String assignedEmployee,
			Instant offerExpiresAt, String outcome, String classifiedBy, Instant updatedAt, Instant closedAt, long version,
			String routingProfile, Instant slaWarningAt, Instant waitingSince, boolean priorityPinned, int priorityBoost,
			Integer targetStep, String escalationStage) {

		static TaskResponse of(TaskSnapshot t) {
			return new TaskResponse(t.id().toString(), t.sourceSystem(), t.externalId(), t.type(), t.title(), t.description(),
					t.customerId(), t.customerSegment(), t.businessValue(), t.createdAt(), t.capturedAt(), t.activationTime(),
					t.dueTime(), t.department(), t.process(), t.requiredSkills(), t.attributes(), t.state(), t.stateReason(),
					t.assignedEmployee(), t.offerExpiresAt(), t.outcome(), t.classifiedBy(), t.updatedAt(),
					t.closedAt(), t.version(), t.routingProfile(), t.slaWarningAt(), t.waitingSince(), t.priorityPinned(),
					t.priorityBoost(), t.targetStep(), t.escalationStage());
		}

	}

	record HistoryEntry(int seq, Instant at, String actor, TaskAction action, TaskState from, TaskState to, String reason,
			Map<String, Object> details) {

		static HistoryEntry of(TaskHistoryEntry entry) {
			return new HistoryEntry(entry.seq(), entry.at(), entry.actor(), entry.action(), entry.fromState(),
					entry.toState(), entry.reason(), entry.details());
		}

	}

	record TaskDetail(TaskResponse task, List<HistoryEntry> history) {
	}

	record TaskPage(List<TaskResponse> items, int page, int size, long totalElements, int totalPages) {
	}

	/**
	 * One item of a batch answer.
	 * @param index position in the request array
	 * @param status 201 created, 200 already captured (unchanged), 400 invalid
	 * @param task the task, when captured
	 * @param problem what was wrong, when invalid
	 */
	record BatchItemResult(int index, int status, TaskResponse task, ProblemDetail problem) {
	}

	record BatchResult(int created, int existing, int failed, List<BatchItemResult> results) {
	}

}
