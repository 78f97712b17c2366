package org.openwd.distribution.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.openwd.task.TaskSnapshot;

/** Request and response bodies of the work API. */
final class WorkRequests {

	private WorkRequests() {
	}

	record Reject(@NotBlank @Size(max = 100) String reason) {
	}

	record Complete(@NotBlank @Size(max = 100) String outcome, @Size(max = 2000) String note) {
	}

	record Return(@Size(max = 500) String reason) {
	}

	record Defer(@NotNull Instant until, @Size(max = 500) String reason) {
	}

	record Transfer(@NotBlank @Size(max = 100) String employee) {
	}

	record Assign(@NotBlank @Size(max = 100) String employee) {
	}

	record Reassign(@NotEmpty @Size(max = 500) List<UUID> taskIds, @NotBlank @Size(max = 100) String employee) {
	}

	record ReassignResult(UUID taskId, int status, String detail) {
	}

	/** A task as the inbox shows it. */
	record WorkItem(String id, String state, String title, String description, String type, String sourceSystem,
			String externalId, String customerId, String customerSegment, String department, String routingProfile,
			Integer businessValue, Instant dueTime, Instant slaWarningAt, Instant offerExpiresAt, Instant waitingSince,
			Map<String, Object> attributes, String assignedEmployee, long version) {

		static WorkItem of(TaskSnapshot t) {
			return new WorkItem(t.id().toString(), t.state().name(), t.title(), t.description(), t.type(), t.sourceSystem(),
					t.externalId(), t.customerId(), t.customerSegment(), t.department(), t.routingProfile(), t.businessValue(),
					t.dueTime(), t.slaWarningAt(), t.offerExpiresAt(), t.waitingSince(), t.attributes(), t.assignedEmployee(),
					t.version());
		}

	}

}
