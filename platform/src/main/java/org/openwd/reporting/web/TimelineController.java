package org.openwd.reporting.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.reporting.internal.TaskTimeline;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskNotFoundException;
import org.openwd.task.TaskSnapshot;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The history timeline of a task in my inbox. */
@RestController
@Tag(name = "My work")
class TimelineController {

	private final GlobalTaskList tasks;

	private final TaskTimeline timeline;

	TimelineController(GlobalTaskList tasks, TaskTimeline timeline) {
		this.tasks = tasks;
		this.timeline = timeline;
	}

	@GetMapping(path = "/api/v1/me/tasks/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','ADMIN')")
	@Operation(operationId = "getMyTaskHistory", summary = "History of a task offered or assigned to me",
			description = "Oldest first. Supervisors and admins may read any task's history; for others a task that is "
					+ "not offered or assigned to them answers 404.")
	List<TaskTimeline.TimelineEntry> history(@PathVariable UUID id, Authentication auth) {
		TaskSnapshot task = tasks.find(new TaskId(id)).orElseThrow(() -> new TaskNotFoundException(id.toString()));
		boolean supervisor = auth.getAuthorities().stream()
			.anyMatch(a -> a.getAuthority().equals("ROLE_SUPERVISOR") || a.getAuthority().equals("ROLE_ADMIN"));
		if (!supervisor && !auth.getName().equals(task.assignedEmployee())) {
			throw new TaskNotFoundException(id.toString());
		}
		return timeline.of(task.id().toString());
	}

}
