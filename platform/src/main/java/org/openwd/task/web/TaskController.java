package org.openwd.task.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import org.openwd.common.web.InvalidRequestException;
import org.openwd.task.TaskState;
import org.openwd.task.internal.TaskFilter;
import org.openwd.task.internal.TaskLifecycleService;
import org.openwd.task.CaptureResult;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.web.TaskRequests.Completion;
import org.openwd.task.web.TaskRequests.Reason;
import org.openwd.task.web.TaskResponses.BatchResult;
import org.openwd.task.web.TaskResponses.HistoryEntry;
import org.openwd.task.web.TaskResponses.TaskDetail;
import org.openwd.task.web.TaskResponses.TaskPage;
import org.openwd.task.web.TaskResponses.TaskResponse;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Capture API of the global task list. */
@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tasks", description = "Capture work items into the global task list and manage their lifecycle")
class TaskController {

	static final String CAPTURERS = "hasAnyRole('CONNECTOR','ADMIN')";

	static final String CONTROLLERS = "hasAnyRole('CONNECTOR','SUPERVISOR','ADMIN')";

	static final String READERS = "hasAnyRole('SUPERVISOR','PROCESS_OWNER','ADMIN')";

	static final String SINGLE_READERS = "hasAnyRole('CONNECTOR','SUPERVISOR','PROCESS_OWNER','ADMIN')";

	private static final Set<String> SORTABLE = Set.of("capturedAt", "createdAt", "dueTime", "activationTime",
			"businessValue", "title", "state", "updatedAt", "type", "department", "process");

	private final TaskLifecycleService tasks;

	private final CaptureRequestMapper requests;

	TaskController(TaskLifecycleService tasks, CaptureRequestMapper requests) {
		this.tasks = tasks;
		this.requests = requests;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(CAPTURERS)
	@Operation(summary = "Capture a task", description = "201 with the new task; 200 with the existing task, unchanged, "
			+ "when this source system + external id was captured before (idempotent).")
	ResponseEntity<TaskResponse> capture(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskRequests.CaptureTask.class))) @RequestBody JsonNode body, Authentication auth) {
		CaptureResult captured = tasks.capture(requests.toNewTask(requests.bindCapture(body), ""), auth.getName());
		TaskResponse task = TaskResponse.of(captured.task());
		if (captured.created()) {
			return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).eTag(etag(task.version())).body(task);
		}
		return ResponseEntity.ok().eTag(etag(task.version())).body(task);
	}

	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(CAPTURERS)
	@Operation(summary = "Capture many tasks", description = "A JSON array of capture requests; each item is answered "
			+ "individually (201 created, 200 already captured, 400 invalid with problem details). Valid items are "
			+ "committed even when others are invalid.")
	BatchResult captureBatch(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = TaskRequests.CaptureTask.class), maxItems = 1000))) @RequestBody JsonNode body, Authentication auth) {
		return requests.captureBatch(body, auth.getName());
	}

	@GetMapping
	@PreAuthorize(READERS)
	@Operation(summary = "List tasks", description = "Filters combine with AND; state may repeat. Sort by "
			+ "capturedAt, createdAt, dueTime, activationTime, businessValue, title, state, updatedAt, type, department "
			+ "or process, e.g. sort=dueTime,asc.")
	TaskPage list(@RequestParam(required = false) Set<TaskState> state, @RequestParam(required = false) String type,
			@RequestParam(required = false) String department, @RequestParam(required = false) String process,
			@RequestParam(required = false) String sourceSystem, @RequestParam(required = false) String customerId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueBefore,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueAfter,
			@Parameter(description = "Text contained in the title (case-insensitive)") @RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
			@RequestParam(defaultValue = "capturedAt,desc") List<String> sort) {
		TaskFilter filter = new TaskFilter(state == null ? null : EnumSet.copyOf(state.isEmpty() ? EnumSet.allOf(TaskState.class) : state),
				type, department, process, sourceSystem, customerId, dueBefore, dueAfter, q);
		Page<TaskSnapshot> result = tasks.search(filter, PageRequest.of(page, size, parseSort(sort)));
		return new TaskPage(result.getContent().stream().map(TaskResponse::of).toList(), result.getNumber(), result.getSize(),
				result.getTotalElements(), result.getTotalPages());
	}

	@GetMapping("/{id}")
	@PreAuthorize(SINGLE_READERS)
	@Operation(summary = "Get a task with its full history")
	ResponseEntity<TaskDetail> get(@PathVariable UUID id) {
		TaskSnapshot view = tasks.findView(id).orElseThrow(() -> new org.openwd.task.TaskNotFoundException(id.toString()));
		List<HistoryEntry> history = tasks.history(id).stream().map(HistoryEntry::of).toList();
		return ResponseEntity.ok().eTag(etag(view.version())).body(new TaskDetail(TaskResponse.of(view), history));
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(CAPTURERS)
	@Operation(summary = "Update a task from its source", description = "Absent fields stay; attributes merge, a null "
			+ "value removes the key. Send If-Match with the ETag to guard against lost updates (412 on mismatch).")
	ResponseEntity<TaskResponse> update(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskRequests.UpdateTask.class))) @RequestBody JsonNode body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication auth) {
		TaskSnapshot view = tasks.update(id, requests.toChanges(requests.bindUpdate(body)), parseIfMatch(ifMatch), auth.getName());
		return ResponseEntity.ok().eTag(etag(view.version())).body(TaskResponse.of(view));
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize(CONTROLLERS)
	@Operation(summary = "Cancel a task (any open state)")
	TaskResponse cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.cancel(id, reason(body), auth.getName()));
	}

	@PostMapping("/{id}/hold")
	@PreAuthorize(CONTROLLERS)
	@Operation(summary = "Hold (pause) a task", description = "From CAPTURED, SCHEDULED, QUEUED, OFFERED or ASSIGNED; "
			+ "an offer or assignment is withdrawn.")
	TaskResponse hold(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.hold(id, reason(body), auth.getName()));
	}

	@PostMapping("/{id}/resume")
	@PreAuthorize(CONTROLLERS)
	@Operation(summary = "Resume a held task", description = "Back to QUEUED, or SCHEDULED while its activation time is ahead.")
	TaskResponse resume(@PathVariable UUID id, Authentication auth) {
		return TaskResponse.of(tasks.resume(id, auth.getName()));
	}

	@PostMapping("/{id}/restart")
	@PreAuthorize(CONTROLLERS)
	@Operation(summary = "Restart a task", description = "From HELD, ERROR_HELD, COMPLETED, CANCELED or REJECTED: "
			+ "back to CAPTURED and classified again.")
	TaskResponse restart(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.restart(id, reason(body), auth.getName()));
	}

	@PostMapping("/{id}/complete")
	@PreAuthorize(CAPTURERS)
	@Operation(summary = "Complete a task from its source", description = "The source reports the work done (any open state).")
	TaskResponse complete(@PathVariable UUID id, @Valid @RequestBody(required = false) Completion body, Authentication auth) {
		return TaskResponse.of(tasks.completeFromSource(id, body == null ? null : body.outcome(), body == null ? null : body.note(), auth.getName()));
	}

	@PostMapping("/{id}/reject")
	@PreAuthorize(CAPTURERS)
	@Operation(summary = "Reject a task", description = "The source withdraws it as invalid (any open state).")
	TaskResponse reject(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.reject(id, reason(body), auth.getName()));
	}

	@PostMapping(path = "/{id}/priority", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
	@Operation(summary = "Override a task's priority", description = "Pin it (outranks all unpinned work) and/or add a "
			+ "fixed boost (negative holds it back). Recorded in the history.")
	TaskResponse prioritize(@PathVariable UUID id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskRequests.PriorityOverride.class))) @RequestBody JsonNode body,
			Authentication auth) {
		TaskRequests.PriorityOverride override = requests.bindPriority(body);
		return TaskResponse.of(tasks.prioritize(id, Boolean.TRUE.equals(override.pinned()),
				override.boost() == null ? 0 : override.boost(), override.reason(), auth.getName()));
	}

	static String reason(Reason body) {
		return body == null ? null : body.reason();
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	static Long parseIfMatch(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("If-Match", "must be the ETag of the task, e.g. \"3\"");
		}
	}

	private static Sort parseSort(List<String> sort) {
		// Spring splits "a,asc" into two list elements; join them back into field/direction pairs.
		List<Sort.Order> orders = new ArrayList<>();
		for (int i = 0; i < sort.size(); i++) {
			String field = sort.get(i).trim();
			if (!SORTABLE.contains(field)) {
				throw new InvalidRequestException("sort", "'%s' is not sortable; use one of %s".formatted(field,
						SORTABLE.stream().sorted().toList()));
			}
			Sort.Direction direction = Sort.Direction.ASC;
			if (i + 1 < sort.size() && (sort.get(i + 1).equalsIgnoreCase("asc") || sort.get(i + 1).equalsIgnoreCase("desc"))) {
				direction = Sort.Direction.fromString(sort.get(++i));
			}
			orders.add(new Sort.Order(direction, field));
		}
		orders.add(Sort.Order.asc("id"));
		return Sort.by(orders);
	}

}
