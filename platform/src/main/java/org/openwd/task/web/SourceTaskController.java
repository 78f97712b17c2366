package org.openwd.task.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import org.openwd.task.TaskNotFoundException;
import org.openwd.task.internal.TaskLifecycleService;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.web.TaskRequests.Completion;
import org.openwd.task.web.TaskRequests.Reason;
import org.openwd.task.web.TaskResponses.TaskResponse;
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
import org.springframework.web.bind.annotation.RestController;

/** The same lifecycle verbs, addressed by the source's own key, for sources that do not keep OpenWD's task id. */
@RestController
@RequestMapping(path = "/api/v1/sources/{sourceSystem}/tasks/{externalId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tasks by source key", description = "Lifecycle verbs addressed by source system + external id")
class SourceTaskController {

	private final TaskLifecycleService tasks;

	private final CaptureRequestMapper requests;

	SourceTaskController(TaskLifecycleService tasks, CaptureRequestMapper requests) {
		this.tasks = tasks;
		this.requests = requests;
	}

	@GetMapping
	@PreAuthorize(TaskController.SINGLE_READERS)
	@Operation(summary = "Get a task by its source key")
	ResponseEntity<TaskResponse> get(@PathVariable String sourceSystem, @PathVariable String externalId) {
		TaskSnapshot view = tasks.findBySourceKey(sourceSystem, externalId)
			.orElseThrow(() -> new TaskNotFoundException("from source %s with external id %s".formatted(sourceSystem, externalId)));
		return ResponseEntity.ok().eTag(TaskController.etag(view.version())).body(TaskResponse.of(view));
	}

	@PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(TaskController.CAPTURERS)
	@Operation(summary = "Update a task from its source, by source key")
	ResponseEntity<TaskResponse> update(@PathVariable String sourceSystem, @PathVariable String externalId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskRequests.UpdateTask.class))) @RequestBody JsonNode body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Authentication auth) {
		TaskSnapshot view = tasks.update(tasks.idOf(sourceSystem, externalId), requests.toChanges(requests.bindUpdate(body)),
				TaskController.parseIfMatch(ifMatch), auth.getName());
		return ResponseEntity.ok().eTag(TaskController.etag(view.version())).body(TaskResponse.of(view));
	}

	@PostMapping("/cancel")
	@PreAuthorize(TaskController.CONTROLLERS)
	@Operation(summary = "Cancel a task by source key")
	TaskResponse cancel(@PathVariable String sourceSystem, @PathVariable String externalId,
			@Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.cancel(tasks.idOf(sourceSystem, externalId), TaskController.reason(body), auth.getName()));
	}

	@PostMapping("/hold")
	@PreAuthorize(TaskController.CONTROLLERS)
	@Operation(summary = "Hold a task by source key")
	TaskResponse hold(@PathVariable String sourceSystem, @PathVariable String externalId,
			@Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.hold(tasks.idOf(sourceSystem, externalId), TaskController.reason(body), auth.getName()));
	}

	@PostMapping("/resume")
	@PreAuthorize(TaskController.CONTROLLERS)
	@Operation(summary = "Resume a task by source key")
	TaskResponse resume(@PathVariable String sourceSystem, @PathVariable String externalId, Authentication auth) {
		return TaskResponse.of(tasks.resume(tasks.idOf(sourceSystem, externalId), auth.getName()));
	}

	@PostMapping("/restart")
	@PreAuthorize(TaskController.CONTROLLERS)
	@Operation(summary = "Restart a task by source key")
	TaskResponse restart(@PathVariable String sourceSystem, @PathVariable String externalId,
			@Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.restart(tasks.idOf(sourceSystem, externalId), TaskController.reason(body), auth.getName()));
	}

	@PostMapping("/complete")
	@PreAuthorize(TaskController.CAPTURERS)
	@Operation(summary = "Complete a task from its source, by source key")
	TaskResponse complete(@PathVariable String sourceSystem, @PathVariable String externalId,
			@Valid @RequestBody(required = false) Completion body, Authentication auth) {
		return TaskResponse.of(tasks.completeFromSource(tasks.idOf(sourceSystem, externalId),
				body == null ? null : body.outcome(), body == null ? null : body.note(), auth.getName()));
	}

	@PostMapping("/reject")
	@PreAuthorize(TaskController.CAPTURERS)
	@Operation(summary = "Reject a task by source key")
	TaskResponse reject(@PathVariable String sourceSystem, @PathVariable String externalId,
			@Valid @RequestBody(required = false) Reason body, Authentication auth) {
		return TaskResponse.of(tasks.reject(tasks.idOf(sourceSystem, externalId), TaskController.reason(body), auth.getName()));
	}

}
