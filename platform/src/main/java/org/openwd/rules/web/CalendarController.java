package org.openwd.rules.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.openwd.common.web.StrictJsonBinder;
import org.openwd.rules.calendar.CalendarDefinition;
import org.openwd.rules.internal.ConfigStore;
import org.openwd.rules.web.DocumentResponses.Current;
import org.openwd.rules.web.DocumentResponses.RevisionSummary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Business calendars: working hours, holidays and exceptions that SLA due times count in. */
@RestController
@RequestMapping(path = "/api/v1/calendars", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Business calendars", description = "Working hours per weekday, holidays, exceptions, time zone")
class CalendarController {

	private final VersionedDocuments<CalendarDefinition> documents;

	CalendarController(ConfigStore store, StrictJsonBinder binder, ObjectMapper mapper) {
		this.documents = new VersionedDocuments<>(ConfigStore.CALENDAR, CalendarDefinition.class, store, binder, mapper,
				CalendarDefinition::problems);
	}

	@GetMapping
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "List business calendars")
	List<Current<CalendarDefinition>> list() {
		return documents.list();
	}

	@GetMapping("/{name}")
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "Get a business calendar (ETag = version)")
	ResponseEntity<Current<CalendarDefinition>> get(@PathVariable String name) {
		return documents.get(name);
	}

	@PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(RoutingProfileController.EDITORS)
	@Operation(summary = "Create or change a business calendar", description = "New tasks' due times use it at once; "
			+ "due times already computed stay. If-Match refuses lost updates (412).")
	ResponseEntity<Current<CalendarDefinition>> put(@PathVariable String name,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = CalendarDefinition.class))) @RequestBody JsonNode body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestParam(required = false) @Size(max = 500) String note, Authentication auth) {
		return documents.put(name, body, ifMatch, note, auth.getName(), CalendarDefinition::name);
	}

	@GetMapping("/{name}/versions")
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "Audit trail of a calendar")
	List<RevisionSummary> history(@PathVariable String name) {
		return documents.history(name);
	}

	@GetMapping("/{name}/versions/{version}")
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "A calendar as it was in an earlier version")
	Current<CalendarDefinition> revision(@PathVariable String name, @PathVariable int version) {
		return documents.revision(name, version);
	}

	@PostMapping("/{name}/versions/{version}/restore")
	@PreAuthorize(RoutingProfileController.EDITORS)
	@Operation(summary = "Roll back a calendar to an earlier version")
	ResponseEntity<Current<CalendarDefinition>> restore(@PathVariable String name, @PathVariable int version,
			Authentication auth) {
		return documents.restore(name, version, auth.getName());
	}

}
