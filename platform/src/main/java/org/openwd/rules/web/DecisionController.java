package org.openwd.rules.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.openwd.rules.internal.ConfigStore;
import org.openwd.rules.internal.dmn.ClassificationDecision;
import org.openwd.rules.web.DocumentResponses.Current;
import org.openwd.rules.web.DocumentResponses.RevisionSummary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * DMN decision tables that classify captured tasks. A new version is parsed and checked before it is stored: an
 * invalid table is refused with the parser's message and the active version stays.
 */
@RestController
@RequestMapping("/api/v1/decisions/{key}")
@Tag(name = "Decisions", description = "DMN classification tables: deploy, list versions, roll back")
class DecisionController {

	private final ConfigStore store;

	private final org.openwd.rules.internal.RuleCatalog catalog;

	private final org.openwd.task.GlobalTaskList tasks;

	DecisionController(ConfigStore store, org.openwd.rules.internal.RuleCatalog catalog, org.openwd.task.GlobalTaskList tasks) {
		this.store = store;
		this.catalog = catalog;
		this.tasks = tasks;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "The active version of a decision table, with its DMN XML")
	Current<String> get(@PathVariable String key) {
		ConfigStore.Document document = store.find(ConfigStore.DECISION, checked(key))
			.orElseThrow(() -> new VersionedDocuments.DocumentNotFoundException("No decision " + key + " is deployed"));
		return new Current<>(document.name(), document.version(), document.updatedAt(), document.updatedBy(),
				document.definition());
	}

	@PostMapping(path = "/versions", consumes = { MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(RoutingProfileController.EDITORS)
	@Operation(summary = "Deploy a new version (DMN 1.3 XML)", description = "201 with the new version. 400 with the "
			+ "parser's message when the table is invalid; nothing changes then. New tasks are classified by the new "
			+ "version; each task records the version that classified it.")
	ResponseEntity<RevisionSummary> deploy(@PathVariable String key, @RequestBody String xml,
			@RequestParam(required = false) @Size(max = 500) String note, Authentication auth) {
		ClassificationDecision parsed = ClassificationDecision.parse(xml);
		List<String> unknown = parsed.routingProfiles().stream().filter(p -> catalog.profile(p).isEmpty()).toList();
		if (!unknown.isEmpty()) {
			throw new ClassificationDecision.InvalidDecisionException(
					"The table routes to routing profile(s) that do not exist: " + unknown + "; create them first");
		}
		ConfigStore.Document saved = store.save(ConfigStore.DECISION, checked(key), xml, null, auth.getName(), note);
		return ResponseEntity.status(201).eTag(VersionedDocuments.etag(saved.version()))
			.body(new RevisionSummary(saved.version(), saved.updatedAt(), saved.updatedBy(), note));
	}

	@GetMapping(path = "/versions", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "Every deployed version, newest first")
	List<RevisionSummary> versions(@PathVariable String key) {
		return store.history(ConfigStore.DECISION, checked(key)).stream()
			.map(r -> new RevisionSummary(r.version(), r.changedAt(), r.changedBy(), r.note()))
			.toList();
	}

	@GetMapping(path = "/versions/{version}", produces = MediaType.APPLICATION_XML_VALUE)
	@PreAuthorize(RoutingProfileController.READERS)
	@Operation(summary = "The DMN XML of one version")
	String version(@PathVariable String key, @PathVariable int version) {
		return store.revision(ConfigStore.DECISION, checked(key), version)
			.orElseThrow(() -> new VersionedDocuments.DocumentNotFoundException("Decision %s has no version %d".formatted(key, version)))
			.definition();
	}

	@PostMapping(path = "/versions/{version}/restore", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(RoutingProfileController.EDITORS)
	@Operation(summary = "Roll back: deploy an earlier version again as the newest")
	RevisionSummary restore(@PathVariable String key, @PathVariable int version, Authentication auth) {
		String xml = version(key, version);
		ConfigStore.Document saved = store.save(ConfigStore.DECISION, key, xml, null, auth.getName(), "restored version " + version);
		return new RevisionSummary(saved.version(), saved.updatedAt(), saved.updatedBy(), "restored version " + version);
	}

	/**
	 * @param examined ERROR_HELD tasks looked at
	 * @param queued how many of them classify now (and left ERROR_HELD)
	 * @param stillHeld how many still do not
	 */
	record Reclassification(int examined, int queued, int stillHeld) {
	}

	@PostMapping(path = "/reclassify-error-held", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(RoutingProfileController.EDITORS)
	@Operation(summary = "Re-classify every ERROR_HELD task with the rules in force now", description = "After fixing "
			+ "the table or a profile. Each task is restarted (history: RESTART, then CLASSIFY or ERROR_HOLD).")
	Reclassification reclassify(@PathVariable String key, Authentication auth) {
		checked(key);
		java.util.List<org.openwd.task.TaskId> held = new java.util.ArrayList<>();
		tasks.forEachInState(org.openwd.task.TaskState.ERROR_HELD, task -> held.add(task.id()));
		int queued = 0;
		for (org.openwd.task.TaskId id : held) {
			try {
				if (tasks.restart(id, "re-classification after a rules change", auth.getName()).state() != org.openwd.task.TaskState.ERROR_HELD) {
					queued++;
				}
			}
			catch (RuntimeException ex) {
				// changed meanwhile (restarted by someone else, canceled): not ours to count
			}
		}
		return new Reclassification(held.size(), queued, held.size() - queued);
	}

	private static String checked(String key) {
		if (!ClassificationDecision.KEY.equals(key)) {
			throw new VersionedDocuments.DocumentNotFoundException(
					"Unknown decision '%s'; OpenWD uses '%s'".formatted(key, ClassificationDecision.KEY));
		}
		return key;
	}

}
