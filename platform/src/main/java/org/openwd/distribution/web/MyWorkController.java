package org.openwd.distribution.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.distribution.internal.Distributor;
import org.openwd.distribution.web.WorkRequests.Complete;
import org.openwd.distribution.web.WorkRequests.Defer;
import org.openwd.distribution.web.WorkRequests.Reject;
import org.openwd.distribution.web.WorkRequests.Return;
import org.openwd.distribution.web.WorkRequests.Transfer;
import org.openwd.distribution.web.WorkRequests.WorkItem;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskNotFoundException;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An employee's own work: offers to accept or reject, tasks to complete, return, defer or transfer; "get next". */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
@Tag(name = "My work", description = "What the inbox calls: offers and assigned tasks of the logged-in employee")
class MyWorkController {

	private final GlobalTaskList tasks;

	private final Distributor distributor;

	private final org.openwd.common.web.StrictJsonBinder binder;

	MyWorkController(GlobalTaskList tasks, Distributor distributor, org.openwd.common.web.StrictJsonBinder binder) {
		this.tasks = tasks;
		this.distributor = distributor;
		this.binder = binder;
	}

	@GetMapping("/tasks")
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "My offers and assigned tasks")
	List<WorkItem> mine(Authentication auth) {
		return tasks.openAssignments(auth.getName()).stream().map(WorkItem::of).toList();
	}

	@PostMapping("/tasks/{id}/accept")
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Accept an offer", description = "409 when the offer expired or was withdrawn.")
	WorkItem accept(@PathVariable UUID id, Authentication auth) {
		mine(id, auth, TaskState.OFFERED);
		return WorkItem.of(tasks.accept(new TaskId(id), auth.getName()));
	}

	@PostMapping(path = "/tasks/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Reject an offer with a reason code", description = "The task goes back to the queue and is "
			+ "offered to someone else at once; it is never offered to you again.")
	WorkItem reject(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Reject.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Reject body = binder.bind(json, WorkRequests.Reject.class);
		mine(id, auth, TaskState.OFFERED);
		return WorkItem.of(tasks.decline(new TaskId(id), auth.getName(), body.reason()));
	}

	@PostMapping(path = "/tasks/{id}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Complete an assigned task with an outcome code")
	WorkItem complete(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Complete.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Complete body = binder.bind(json, WorkRequests.Complete.class);
		mine(id, auth, TaskState.ASSIGNED);
		return WorkItem.of(tasks.complete(new TaskId(id), body.outcome(), auth.getName()));
	}

	@PostMapping(path = "/tasks/{id}/return", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Return an assigned task to the queue")
	WorkItem giveBack(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Return.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Return body = binder.bind(json, WorkRequests.Return.class);
		mine(id, auth, TaskState.ASSIGNED);
		return WorkItem.of(tasks.returnToQueue(new TaskId(id), body.reason(), auth.getName()));
	}

	@PostMapping(path = "/tasks/{id}/defer", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Defer an assigned task until a time", description = "It is queued again then.")
	WorkItem defer(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Defer.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Defer body = binder.bind(json, WorkRequests.Defer.class);
		mine(id, auth, TaskState.ASSIGNED);
		if (!body.until().isAfter(java.time.Instant.now())) {
			throw new org.openwd.common.web.InvalidRequestException("until", "must lie in the future");
		}
		return WorkItem.of(tasks.defer(new TaskId(id), body.until(), body.reason(), auth.getName()));
	}

	@PostMapping(path = "/tasks/{id}/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Transfer an assigned task to a colleague", description = "Their capacity applies (409 when full).")
	WorkItem transfer(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Transfer.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Transfer body = binder.bind(json, WorkRequests.Transfer.class);
		mine(id, auth, TaskState.ASSIGNED);
		return WorkItem.of(distributor.assign(new TaskId(id), body.employee(), auth.getName()));
	}

	@PostMapping("/next")
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
	@Operation(summary = "Get next (pull mode)", description = "Assigns the best task for you now: 200 with the task, "
			+ "204 when there is none you may take. You must be READY.")
	ResponseEntity<WorkItem> next(Authentication auth) {
		return distributor.next(auth.getName()).map(task -> ResponseEntity.ok(WorkItem.of(task)))
			.orElse(ResponseEntity.noContent().build());
	}

	private TaskSnapshot mine(UUID id, Authentication auth, TaskState expected) {
		TaskSnapshot task = tasks.find(new TaskId(id)).orElseThrow(() -> new TaskNotFoundException(id.toString()));
		if (!auth.getName().equals(task.assignedEmployee())) {
			throw new NotYoursException("Task %s is not %s to you".formatted(id,
					expected == TaskState.OFFERED ? "offered" : "assigned"));
		}
		return task;
	}

	/** Answered as 409: the task is someone else's (or no longer yours). */
	static class NotYoursException extends RuntimeException {

		NotYoursException(String message) {
			super(message);
		}

	}

}
