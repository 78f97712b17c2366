package org.openwd.escalation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;

import org.openwd.common.web.FieldProblem;
import org.openwd.task.TaskId;
import org.springframework.stereotype.Service;

/** What the escalation REST API shows and does; views are plain records (no Camunda types leave the module). */
@Service
public class EscalationAdmin {

	/** The path segment that stands for the default model. */
	public static final String DEFAULT = "default";

	public record ParameterView(String name, boolean required, String description) {
	}

	public record ActionView(String name, String delegateExpression, String description, List<ParameterView> parameters) {
	}

	public record ValidationView(boolean valid, String processKey, List<String> actions) {
	}

	public record ModelView(String profile, int version, boolean active, String processKey, String processDefinitionId,
			String deploymentId, String resourceName, String checksum, Instant deployedAt, String deployedBy, String comment,
			long runningInstances) {
	}

	public record ProfileView(String profile, Integer activeVersion, int versions) {
	}

	public record MigrationView(String profile, int fromVersion, int toVersion, long migrated) {
	}

	public record TaskEscalationView(String taskId, String status, String outcome, String processInstanceId,
			String profile, Integer modelVersion, List<String> waitingAt, Instant nextTimerAt, Instant requestedAt,
			Instant startedAt, Instant closedAt) {
	}

	/** An unknown model version or task. */
	public static class NotFoundException extends RuntimeException {

		NotFoundException(String message) {
			super(message);
		}

	}

	/** A refused deployment: the problems, each naming the element. */
	public static class InvalidModel extends RuntimeException {

		private final List<FieldProblem> problems;

		InvalidModel(EscalationModels.InvalidModelException cause) {
			super(cause.getMessage(), cause);
			this.problems = cause.problems();
		}

		public List<FieldProblem> problems() {
			return problems;
		}

	}

	/** Camunda refused a migration. */
	public static class MigrationRefused extends RuntimeException {

		MigrationRefused(String message, Throwable cause) {
			super(message, cause);
		}

	}

	private final EscalationModels models;

	private final EscalationStarter starter;

	private final ProcessEngine engine;

	EscalationAdmin(EscalationModels models, EscalationStarter starter, ProcessEngine engine) {
		this.models = models;
		this.starter = starter;
		this.engine = engine;
	}

	public List<ActionView> actions() {
		return ActionCatalogue.ACTIONS.stream().map(a -> new ActionView(a.name(), "${" + a.name() + "}", a.description(),
				a.parameters().stream().map(p -> new ParameterView(p.name(), p.required(), p.description())).toList()))
			.toList();
	}

	public ValidationView validate(byte[] xml, String resourceName) {
		List<FieldProblem> problems = models.validate(xml, resourceName);
		if (!problems.isEmpty()) {
			throw new InvalidModel(new EscalationModels.InvalidModelException(problems));
		}
		org.camunda.bpm.model.bpmn.BpmnModelInstance model = org.camunda.bpm.model.bpmn.Bpmn
			.readModelFromStream(new java.io.ByteArrayInputStream(xml));
		String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).stream()
			.filter(org.camunda.bpm.model.bpmn.instance.Process::isExecutable).map(p -> p.getId()).findFirst().orElse(null);
		List<String> actions = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.ServiceTask.class).stream()
			.map(t -> t.getCamundaDelegateExpression().replaceAll("[${}\\s]", "")).distinct().sorted().toList();
		return new ValidationView(true, key, actions);
	}

	public List<ProfileView> profiles() {
		List<ProfileView> views = new ArrayList<>();
		for (String profile : models.profilesWithModels()) {
			List<EscalationModels.Model> versions = models.versions(profile);
			Integer active = versions.stream().filter(EscalationModels.Model::active).map(EscalationModels.Model::version)
				.findFirst().orElse(null);
			views.add(new ProfileView(name(profile), active, versions.size()));
		}
		return views;
	}

	public List<ModelView> versions(String profile) {
		return models.versions(key(profile)).stream().map(this::view).toList();
	}

	public ModelView version(String profile, int version) {
		return view(find(profile, version));
	}

	public byte[] xml(String profile, int version) {
		return models.xml(find(profile, version));
	}

	public ModelView deploy(String profile, byte[] xml, String resourceName, String actor, String comment) {
		try {
			return view(models.deploy(key(profile), xml, resourceName, actor, comment));
		}
		catch (EscalationModels.InvalidModelException ex) {
			throw new InvalidModel(ex);
		}
	}

	public ModelView activate(String profile, int version, String actor) {
		find(profile, version);
		return view(models.activate(key(profile), version, actor));
	}

	public MigrationView migrate(String profile, int fromVersion, int toVersion, String actor) {
		find(profile, fromVersion);
		find(profile, toVersion);
		try {
			EscalationModels.MigrationResult result = models.migrate(key(profile), fromVersion, toVersion, actor);
			return new MigrationView(name(key(profile)), result.fromVersion(), result.toVersion(), result.migrated());
		}
		catch (EscalationModels.MigrationRefusedException ex) {
			throw new MigrationRefused(ex.getMessage(), ex);
		}
	}

	public TaskEscalationView task(TaskId id) {
		Map<String, Object> row = starter.row(id)
			.orElseThrow(() -> new NotFoundException("Task " + id + " has no escalation (not queued yet, or not watched)"));
		String instance = (String) row.get("PROCESS_INSTANCE_ID");
		String modelId = (String) row.get("MODEL_ID");
		Optional<EscalationModels.Model> model = modelId == null ? Optional.empty() : models.byId(modelId);
		Instant closed = EscalationStarter.instant(row.get("CLOSED_AT"));
		Instant started = EscalationStarter.instant(row.get("STARTED_AT"));
		List<String> waitingAt = List.of();
		Instant nextTimer = null;
		boolean running = false;
		if (instance != null) {
			running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() > 0;
			if (running) {
				waitingAt = engine.getRuntimeService().getActiveActivityIds(instance);
				nextTimer = engine.getManagementService().createJobQuery().processInstanceId(instance).timers()
					.orderByJobDuedate().asc().list().stream().map(Job::getDuedate).filter(d -> d != null).findFirst()
					.map(java.util.Date::toInstant).orElse(null);
			}
		}
		String status = closed != null ? "closed" : started == null ? "pending" : running ? "running" : "ended";
		return new TaskEscalationView(id.toString(), status, (String) row.get("OUTCOME"), instance,
				model.map(m -> name(m.profile())).orElse(null), model.map(EscalationModels.Model::version).orElse(null),
				waitingAt, nextTimer, EscalationStarter.instant(row.get("REQUESTED_AT")), started, closed);
	}

	private EscalationModels.Model find(String profile, int version) {
		return models.version(key(profile), version).orElseThrow(() -> new NotFoundException(
				"Escalation model " + EscalationModels.label(key(profile)) + " v" + version + " does not exist"));
	}

	private ModelView view(EscalationModels.Model m) {
		return new ModelView(name(m.profile()), m.version(), m.active(), m.processKey(), m.processDefinitionId(),
				m.deploymentId(), m.resourceName(), m.checksum(), m.deployedAt(), m.deployedBy(), m.comment(),
				models.runningInstances(m));
	}

	static String key(String profile) {
		return profile == null || DEFAULT.equals(profile) ? EscalationModels.DEFAULT_PROFILE : profile;
	}

	static String name(String profile) {
		return EscalationModels.DEFAULT_PROFILE.equals(profile) ? DEFAULT : profile;
	}

}
