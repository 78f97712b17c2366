package org.openwd.presence.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.openwd.common.web.StrictJsonBinder;
import org.openwd.presence.internal.EmployeeService;
import org.openwd.presence.web.PresenceResponses.EmployeeResponse;
import org.openwd.presence.web.PresenceResponses.PresenceHistoryItem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in employee: their record, their presence and its history. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me", description = "The logged-in employee's record and presence")
class MeController {

	private final EmployeeService employees;

	private final StrictJsonBinder binder;

	MeController(EmployeeService employees, StrictJsonBinder binder) {
		this.employees = employees;
		this.binder = binder;
	}

	@GetMapping
	@PreAuthorize(PresenceWeb.SIGNED_IN)
	@Operation(operationId = "getMe", summary = "My employee record", description = "404 when the login has no employee record.")
	ResponseEntity<EmployeeResponse> me(Authentication auth) {
		return PresenceWeb.ok(employees.get(auth.getName()));
	}

	@PutMapping(path = "/presence", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(PresenceWeb.WORKERS)
	@Operation(operationId = "changeMyPresence", summary = "Change my presence", description = "READY, NOT_READY with a reason code, or OFFLINE. Asking for "
			+ "the presence you already have (for NOT_READY: with the same reason) changes and records nothing. Every "
			+ "change is recorded in the presence history with you as the actor.")
	ResponseEntity<EmployeeResponse> changePresence(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = PresenceRequests.PresenceChange.class))) @RequestBody JsonNode body,
			Authentication auth) {
		return PresenceWeb.changePresence(employees, binder, auth.getName(), body, auth.getName());
	}

	@GetMapping("/presence/history")
	@PreAuthorize(PresenceWeb.SIGNED_IN)
	@Operation(operationId = "getMyPresenceHistory", summary = "My presence history, newest first")
	List<PresenceHistoryItem> history(@Parameter(description = "Most entries to return") @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
			@Parameter(description = "Only entries before this seq (for paging back)") @RequestParam(required = false) @Min(1) Integer before,
			Authentication auth) {
		return PresenceWeb.history(employees, auth.getName(), before, limit);
	}

}
