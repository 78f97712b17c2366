package org.openwd.rules.web;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.openwd.common.web.StrictJsonBinder;
import org.openwd.rules.RoutingProfile;
import org.openwd.rules.internal.ConfigStore;
import org.openwd.rules.internal.RuleCatalog;
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

/** Routing profiles: edited at run time, versioned, audited; a change applies to the next decision. */
@RestController
@RequestMapping(path = "/api/v1/routing-profiles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Routing profiles", description = "How each kind of work is prioritised, timed and routed")
class RoutingProfileController {

	static final String READERS = "hasAnyRole('SUPERVISOR','PROCESS_OWNER','ADMIN')";

	static final String EDITORS = "hasAnyRole('PROCESS_OWNER','ADMIN')";

	private final VersionedDocuments<RoutingProfile> documents;

	RoutingProfileController(ConfigStore store, StrictJsonBinder binder, ObjectMapper mapper, RuleCatalog catalog) {
		this.documents = new VersionedDocuments<>(ConfigStore.ROUTING_PROFILE, RoutingProfile.class, store, binder, mapper,
				profile -> {
					List<String> problems = new ArrayList<>(profile.problems());
					if (profile.calendar() == null || catalog.calendar(profile.calendar()).isEmpty()) {
						problems.add("calendar: no business calendar named '%s'".formatted(profile.calendar()));
					}
					return problems;
				});
	}

	@GetMapping
	@PreAuthorize(READERS)
	@Operation(summary = "List routing profiles in their current versions")
	List<Current<RoutingProfile>> list() {
		return documents.list();
	}

	@GetMapping("/{name}")
	@PreAuthorize(READERS)
	@Operation(summary = "Get a routing profile (ETag = version)")
	ResponseEntity<Current<RoutingProfile>> get(@PathVariable String name) {
		return documents.get(name);
	}

	@PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(EDITORS)
	@Operation(summary = "Create or change a routing profile", description = "Saves a new version (201 when new). Send "
			+ "If-Match with the ETag you edited to refuse lost updates (412). The next routing decision uses it.")
	ResponseEntity<Current<RoutingProfile>> put(@PathVariable String name,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = RoutingProfile.class))) @RequestBody JsonNode body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestParam(required = false) @Size(max = 500) String note, Authentication auth) {
		return documents.put(name, body, ifMatch, note, auth.getName(), RoutingProfile::name);
	}

	@GetMapping("/{name}/versions")
	@PreAuthorize(READERS)
	@Operation(summary = "Audit trail: every version, who saved it and when")
	List<RevisionSummary> history(@PathVariable String name) {
		return documents.history(name);
	}

	@GetMapping("/{name}/versions/{version}")
	@PreAuthorize(READERS)
	@Operation(summary = "A routing profile as it was in an earlier version")
	Current<RoutingProfile> revision(@PathVariable String name, @PathVariable int version) {
		return documents.revision(name, version);
	}

	@PostMapping("/{name}/versions/{version}/restore")
	@PreAuthorize(EDITORS)
	@Operation(summary = "Roll back: save an earlier version as the newest")
	ResponseEntity<Current<RoutingProfile>> restore(@PathVariable String name, @PathVariable int version,
			Authentication auth) {
		return documents.restore(name, version, auth.getName());
	}

}
