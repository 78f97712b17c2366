package org.openwd.presence.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.openwd.common.web.StrictJsonBinder;
import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.PresenceState;
import org.openwd.presence.internal.EmployeeService;
import org.openwd.presence.web.PresenceResponses.EmployeePage;
import org.openwd.presence.web.PresenceResponses.EmployeeResponse;
import org.openwd.presence.web.PresenceResponses.PresenceHistoryItem;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Employees as supervisors and administrators see them: profiles, forced presence, presence history. */
@RestController
@RequestMapping(path = "/api/v1/employees", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Employees", description = "Employees' skills, capacity, teams, out-of-office settings and presence")
class EmployeeController {

	private final EmployeeService employees;

	private final StrictJsonBinder binder;

	EmployeeController(EmployeeService employees, StrictJsonBinder binder) {
		this.employees = employees;
		this.binder = binder;
	}

	@GetMapping
	@PreAuthorize(PresenceWeb.SUPERVISORS)
	@Operation(operationId = "listEmployees", summary = "List employees", description = "Filters combine with AND; ordered by id.")
	EmployeePage list(@RequestParam(required = false) @Size(max = 100) String team,
			@RequestParam(required = false) @Size(max = 100) String department,
			@RequestParam(required = false) PresenceState presence,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
		Page<EmployeeSnapshot> result = employees.search(team, department, presence, PageRequest.of(page, size, Sort.by("id")));
		return new EmployeePage(result.getContent().stream().map(EmployeeResponse::of).toList(), result.getNumber(),
				result.getSize(), result.getTotalElements(), result.getTotalPages());
	}

	@GetMapping("/{id}")
	@PreAuthorize(PresenceWeb.SUPERVISORS)
	@Operation(operationId = "getEmployee", summary = "Get an employee (ETag = version)")
	ResponseEntity<EmployeeResponse> get(@PathVariable String id) {
		return PresenceWeb.ok(employees.get(id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(PresenceWeb.SUPERVISORS)
	@Operation(operationId = "saveEmployee", summary = "Create an employee or replace their profile", description = "The id is the login name. 201 "
			+ "when new (OFFLINE), 200 otherwise; presence is not changed here. Fields left out take their defaults. Send "
			+ "If-Match with the ETag you edited to refuse lost updates (412).")
	ResponseEntity<EmployeeResponse> put(@PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = PresenceRequests.ProfileUpdate.class))) @RequestBody JsonNode body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication auth) {
		PresenceRequests.ProfileUpdate profile = binder.bind(body, PresenceRequests.ProfileUpdate.class);
		EmployeeService.Saved saved = employees.save(id, profile.toProfile(), PresenceWeb.parseIfMatch(ifMatch), auth.getName());
		if (saved.created()) {
			return ResponseEntity.created(URI.create("/api/v1/employees/" + id))
				.eTag(PresenceWeb.etag(saved.employee().version()))
				.body(EmployeeResponse.of(saved.employee()));
		}
		return PresenceWeb.ok(saved.employee());
	}

	@PutMapping(path = "/{id}/presence", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(PresenceWeb.SUPERVISORS)
	@Operation(operationId = "forceEmployeePresence", summary = "Force an employee's presence", description = "As the employee's own change, recorded with "
			+ "the supervisor as the actor.")
	ResponseEntity<EmployeeResponse> forcePresence(@PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = PresenceRequests.PresenceChange.class))) @RequestBody JsonNode body,
			Authentication auth) {
		return PresenceWeb.changePresence(employees, binder, id, body, auth.getName());
	}

	@GetMapping("/{id}/presence/history")
	@PreAuthorize(PresenceWeb.SUPERVISORS)
	@Operation(operationId = "getEmployeePresenceHistory", summary = "An employee's presence history, newest first")
	List<PresenceHistoryItem> history(@PathVariable String id,
			@Parameter(description = "Most entries to return") @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
			@Parameter(description = "Only entries before this seq (for paging back)") @RequestParam(required = false) @Min(1) Integer before) {
		return PresenceWeb.history(employees, id, before, limit);
	}

}
