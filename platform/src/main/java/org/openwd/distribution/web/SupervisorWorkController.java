package org.openwd.distribution.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.distribution.internal.DistributionRefusedException;
import org.openwd.distribution.internal.Distributor;
import org.openwd.distribution.web.WorkRequests.Assign;
import org.openwd.distribution.web.WorkRequests.Reassign;
import org.openwd.distribution.web.WorkRequests.ReassignResult;
import org.openwd.distribution.web.WorkRequests.WorkItem;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.IllegalTaskTransitionException;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Supervisors steering work: assign, bulk reassign, pull a person's tasks back to the queue. */
@RestController
@Tag(name = "Supervising work", description = "Assign, reassign and pull back tasks")
class SupervisorWorkController {

	private final GlobalTaskList tasks;

	private final Distributor distributor;

	private final org.openwd.common.web.StrictJsonBinder binder;

	SupervisorWorkController(GlobalTaskList tasks, Distributor distributor, org.openwd.common.web.StrictJsonBinder binder) {
		this.tasks = tasks;
		this.distributor = distributor;
		this.binder = binder;
	}

	@PostMapping(path = "/api/v1/tasks/{id}/assign", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
	@Operation(summary = "Assign a task to a person", description = "From QUEUED, OFFERED or ASSIGNED. The person's "
			+ "capacity applies (409 when full); presence does not.")
	WorkItem assign(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Assign.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Assign body = binder.bind(json, WorkRequests.Assign.class);
		return WorkItem.of(distributor.assign(new TaskId(id), body.employee(), auth.getName()));
	}

	@PostMapping(path = "/api/v1/tasks/reassign", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
	@Operation(summary = "Bulk reassign", description = "Each task is answered individually (200 or 409 with why).")
	List<ReassignResult> reassign(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = WorkRequests.Reassign.class))) @RequestBody com.fasterxml.jackson.databind.JsonNode json, Authentication auth) {
		WorkRequests.Reassign body = binder.bind(json, WorkRequests.Reassign.class);
		List<ReassignResult> results = new ArrayList<>();
		for (UUID id : body.taskIds()) {
			try {
				distributor.assign(new TaskId(id), body.employee(), auth.getName());
				results.add(new ReassignResult(id, 200, null));
			}
			catch (DistributionRefusedException | IllegalTaskTransitionException | org.openwd.task.TaskNotFoundException ex) {
				results.add(new ReassignResult(id, ex instanceof org.openwd.task.TaskNotFoundException ? 404 : 409, ex.getMessage()));
			}
		}
		return results;
	}

	@PostMapping(path = "/api/v1/employees/{employee}/pull-back", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
	@Operation(summary = "Pull a person's tasks back to the queue", description = "Their offers are withdrawn and their "
			+ "assigned tasks returned; each goes to the next best person.")
	List<WorkItem> pullBack(@PathVariable String employee, Authentication auth) {
		List<WorkItem> returned = new ArrayList<>();
		for (TaskSnapshot task : tasks.openAssignments(employee)) {
			try {
				TaskSnapshot after = task.state() == TaskState.OFFERED ? tasks.expireOffer(task.id())
						: tasks.returnToQueue(task.id(), "pulled back by " + auth.getName(), auth.getName());
				returned.add(WorkItem.of(after));
			}
			catch (IllegalTaskTransitionException ex) {
				// changed meanwhile: nothing to pull back
			}
		}
		return returned;
	}

}
