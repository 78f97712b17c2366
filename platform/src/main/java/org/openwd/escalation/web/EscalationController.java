package org.openwd.escalation.web;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.common.web.InvalidRequestException;
import org.openwd.escalation.internal.EscalationAdmin;
import org.openwd.escalation.internal.EscalationAdmin.ActionView;
import org.openwd.escalation.internal.EscalationAdmin.MigrationView;
import org.openwd.escalation.internal.EscalationAdmin.ModelView;
import org.openwd.escalation.internal.EscalationAdmin.ProfileView;
import org.openwd.escalation.internal.EscalationAdmin.TaskEscalationView;
import org.openwd.escalation.internal.EscalationAdmin.ValidationView;
import org.openwd.task.TaskId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Escalation models for process owners: validate, deploy per routing profile ({@code default} = the model every
 * profile without its own uses), list versions, roll back, migrate running instances. Bodies are BPMN 2.0 XML, sent
 * as {@code application/xml} (or {@code text/xml}) or as the part {@code file} of {@code multipart/form-data}.
 */
@RestController
@Tag(name = "Escalation", description = "Escalation models (BPMN) per routing profile: deploy, versions, roll back, migrate")
class EscalationController {

	private static final String OWNERS = "hasAnyRole('PROCESS_OWNER','ADMIN')";

	private static final String READERS = "hasAnyRole('SUPERVISOR','PROCESS_OWNER','ADMIN')";

	private final EscalationAdmin admin;

	EscalationController(EscalationAdmin admin) {
		this.admin = admin;
	}

	@GetMapping(path = "/api/v1/escalation/actions", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(READERS)
	@Operation(summary = "The action catalogue", description = "What a model's service tasks may call, as "
			+ "camunda:delegateExpression=\"${name}\", with their input parameters.")
	List<ActionView> actions() {
		return admin.actions();
	}

	@PostMapping(path = "/api/v1/escalation/models/validate", consumes = { MediaType.APPLICATION_XML_VALUE,
			MediaType.TEXT_XML_VALUE }, produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(OWNERS)
	@Operation(summary = "Validate a model", description = "Parses with Camunda, checks that only catalogue actions are "
			+ "called and that the start and the close correlation are present. 200 when valid, else 400 "
			+ "invalid-escalation-model naming each element. Deploys nothing.")
	ValidationView validate(@RequestBody byte[] xml) {
		return admin.validate(xml, "upload.bpmn");
	}

	@PostMapping(path = "/api/v1/escalation/models/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(OWNERS)
	@Operation(summary = "Validate a model (file upload)")
	ValidationView validateUpload(@RequestPart("file") MultipartFile file) {
		return admin.validate(bytes(file), file.getOriginalFilename());
	}

	@GetMapping(path = "/api/v1/escalation/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(READERS)
	@Operation(summary = "Profiles with models", description = "The default model and every routing profile that has a "
			+ "model of its own, with the active version.")
	List<ProfileView> profiles() {
		return admin.profiles();
	}

	@GetMapping(path = "/api/v1/escalation/profiles/{profile}/models", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(READERS)
	@Operation(summary = "Versions of a profile's model", description = "Newest first; 'active' marks the one new tasks "
			+ "use. For a profile without its own model the list is empty (it uses the default).")
	List<ModelView> versions(@PathVariable @Parameter(description = "routing profile name, or 'default'") String profile) {
		return admin.versions(profile);
	}

	@PostMapping(path = "/api/v1/escalation/profiles/{profile}/models", consumes = { MediaType.APPLICATION_XML_VALUE,
			MediaType.TEXT_XML_VALUE }, produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(OWNERS)
	@Operation(summary = "Deploy a new version", description = "Validates, deploys to Camunda and makes it the active "
			+ "version of the profile: new tasks follow it, running instances stay on theirs. An invalid model is refused "
			+ "(400 invalid-escalation-model) and changes nothing.")
	ResponseEntity<ModelView> deploy(@PathVariable String profile, @RequestBody byte[] xml,
			@RequestParam(required = false) String comment, Authentication auth) {
		return created(admin.deploy(profile, xml, profile + ".bpmn", auth.getName(), comment));
	}

	@PostMapping(path = "/api/v1/escalation/profiles/{profile}/models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(OWNERS)
	@Operation(summary = "Deploy a new version (file upload)")
	ResponseEntity<ModelView> deployUpload(@PathVariable String profile, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String comment, Authentication auth) {
		return created(admin.deploy(profile, bytes(file), file.getOriginalFilename(), auth.getName(), comment));
	}

	@GetMapping(path = "/api/v1/escalation/profiles/{profile}/models/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(READERS)
	@Operation(summary = "One version")
	ModelView version(@PathVariable String profile, @PathVariable int version) {
		return admin.version(profile, version);
	}

	@GetMapping(path = "/api/v1/escalation/profiles/{profile}/models/{version}/bpmn", produces = MediaType.APPLICATION_XML_VALUE)
	@PreAuthorize(READERS)
	@Operation(summary = "The BPMN XML of one version")
	byte[] bpmn(@PathVariable String profile, @PathVariable int version) {
		return admin.xml(profile, version);
	}

	@PostMapping(path = "/api/v1/escalation/profiles/{profile}/models/{version}/activate",
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(OWNERS)
	@Operation(summary = "Make a version active (roll back)", description = "New tasks of the profile use this version "
			+ "from now on; running instances are not touched.")
	ModelView activate(@PathVariable String profile, @PathVariable int version, Authentication auth) {
		return admin.activate(profile, version, auth.getName());
	}

	/** Body of a migration request. */
	record MigrationRequest(Integer fromVersion, Integer toVersion) {
	}

	@PostMapping(path = "/api/v1/escalation/profiles/{profile}/migrations", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(OWNERS)
	@Operation(summary = "Migrate running instances", description = "Moves every running instance of fromVersion to "
			+ "toVersion with Camunda's migration API (elements mapped by equal id, timers re-evaluated). 409 with "
			+ "Camunda's report when the versions cannot be mapped.")
	MigrationView migrate(@PathVariable String profile, @RequestBody(required = false) MigrationRequest request,
			Authentication auth) {
		if (request == null || request.fromVersion() == null || request.toVersion() == null) {
			throw new InvalidRequestException(request == null || request.fromVersion() == null ? "fromVersion" : "toVersion",
					"is required");
		}
		return admin.migrate(profile, request.fromVersion(), request.toVersion(), auth.getName());
	}

	@GetMapping(path = "/api/v1/escalation/tasks/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(READERS)
	@Operation(summary = "A task's escalation", description = "Whether the task is watched, by which model version, "
			+ "where its instance waits and when its next timer fires.")
	TaskEscalationView task(@PathVariable UUID taskId) {
		return admin.task(new TaskId(taskId));
	}

	private static ResponseEntity<ModelView> created(ModelView view) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(java.net.URI.create("/api/v1/escalation/profiles/" + view.profile() + "/models/" + view.version()))
			.body(view);
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new InvalidRequestException("file", "could not be read: " + ex.getMessage());
		}
	}

}
