package org.openwd.task.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the capture API. Unknown JSON fields are refused so typos do not pass silently. */
final class TaskRequests {

	static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:\\-]*";

	private TaskRequests() {
	}

	@Schema(description = "A work item captured from a source system")
	record CaptureTask(
			@Schema(description = "System the item comes from; with externalId the idempotency key", example = "crm")
			@NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "may contain letters, digits and . _ : - only") String sourceSystem,
			@Schema(description = "The item's id in the source system", example = "CASE-4711")
			@NotBlank @Size(max = 200) String externalId,
			@Schema(example = "claim") @NotBlank @Size(max = 100) String type,
			@Schema(example = "Water damage claim, 3 photos") @NotBlank @Size(max = 500) String title,
			@Size(max = 10000) String description,
			@Size(max = 100) String customerId,
			@Schema(example = "gold") @Size(max = 50) String customerSegment,
			@Schema(description = "0 (none) to 1000 (highest)") @Min(0) @Max(1000) Integer businessValue,
			@Schema(description = "When the item was created in the source; defaults to capture time") Instant createdAt,
			@Schema(description = "Deferred work: not distributed before this time") Instant activationTime,
			@Schema(description = "SLA due time set by the source") Instant dueTime,
			@Size(max = 100) String department,
			@Size(max = 100) String process,
			@Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "may contain letters, digits and . _ : - only") String> requiredSkills,
			@Schema(description = "Free-form JSON attributes (max 64 KiB serialised)") Map<String, Object> attributes) {
	}

	@Schema(description = "Changes from the source; absent fields stay unchanged, attributes merge (null removes a key)")
	record UpdateTask(@Size(max = 500) String title, @Size(max = 10000) String description,
			@Size(max = 50) String customerSegment, @Min(0) @Max(1000) Integer businessValue, Instant dueTime,
			Instant activationTime, Map<String, Object> attributes) {
	}

	@Schema(description = "Why; recorded in the task history")
	record Reason(@Size(max = 500) String reason) {
	}

	@Schema(description = "A supervisor's priority override")
	record PriorityOverride(Boolean pinned, @Min(-100000) @Max(100000) Integer boost, @Size(max = 500) String reason) {
	}

	@Schema(description = "How the work ended")
	record Completion(@Size(max = 100) String outcome, @Size(max = 2000) String note) {
	}

}
