package org.openwd.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.presence.internal.EmployeeService;
import org.openwd.presence.web.PresenceResponses.PresenceReasonCodes;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The NOT_READY reason codes (configured with {@code openwd.presence.reasons}), for the inbox's reason picker. */
@RestController
@Tag(name = "Me")
class PresenceReasonController {

	private final EmployeeService employees;

	PresenceReasonController(EmployeeService employees) {
		this.employees = employees;
	}

	@GetMapping(path = "/api/v1/presence/reasons", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(PresenceWeb.SIGNED_IN)
	@Operation(operationId = "listPresenceReasons", summary = "Reason codes allowed for NOT_READY")
	PresenceReasonCodes reasons() {
		return new PresenceReasonCodes(employees.reasonCodes());
	}

}
