package org.openwd.escalation.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.common.web.FieldProblem;
import org.openwd.common.web.InvalidRequestException;
import org.openwd.rules.RoutingProfiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalation models and their versions, one version line per routing profile ({@code *} = the default model that
 * profiles without their own use). Deploying validates first ({@link ModelValidator}); an invalid model changes
 * nothing. Each deployment is a new Camunda deployment and a new OpenWD version that becomes active: new tasks start
 * on it, running instances stay on theirs until {@link #migrate} moves them. {@link #activate} rolls back.
 */
@Service
class EscalationModels {

	private static final Logger log = LoggerFactory.getLogger(EscalationModels.class);

	static final String DEFAULT_PROFILE = "*";

	/** Name prefix of the engine deployments of escalation models (the routing profile follows). */
	static final String DEPLOYMENT_PREFIX = "openwd-escalation:";

	static final String DEFAULT_RESOURCE = "openwd/bpmn/escalation-default.bpmn";

	private static final Duration CACHE_TTL = Duration.ofSeconds(2);

	/** One deployed version of a profile's model. */
	record Model(String id, String profile, int version, String processDefinitionId, String processKey, String deploymentId,
			String resourceName, String checksum, boolean active, Instant deployedAt, String deployedBy, String comment) {
	}

	/** What a migration did. */
	record MigrationResult(int fromVersion, int toVersion, long migrated) {
	}

	/** A migration the engine refused (its validation report). */
	static class MigrationRefusedException extends RuntimeException {

		MigrationRefusedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** A model that failed validation; nothing was deployed. */
	static class InvalidModelException extends RuntimeException {

		private final List<FieldProblem> problems;

		InvalidModelException(List<FieldProblem> problems) {
			super(problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
					: problems.size() + " problems in the model: " + String.join("; ",
							problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
			this.problems = List.copyOf(problems);
		}

		List<FieldProblem> problems() {
			return problems;
		}

	}

	/** No such version. */
	static class ModelNotFoundException extends RuntimeException {

		ModelNotFoundException(String message) {
			super(message);
		}

	}

	private static final RowMapper<Model> ROWS = (rs, i) -> new Model(rs.getString("id"), rs.getString("routing_profile"),
			rs.getInt("version"), rs.getString("process_definition_id"), rs.getString("process_key"),
			rs.getString("deployment_id"), rs.getString("resource_name"), rs.getString("checksum"), rs.getBoolean("active"),
			rs.getTimestamp("deployed_at").toInstant(), rs.getString("deployed_by"), rs.getString("comment_text"));

	private final JdbcTemplate jdbc;

	private final ProcessEngine engine;

	private final RoutingProfiles profiles;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final Map<String, Model> active = new ConcurrentHashMap<>();

	private volatile Instant loadedAt = Instant.EPOCH;

	EscalationModels(JdbcTemplate jdbc, ProcessEngine engine, RoutingProfiles profiles, Clock clock,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.engine = engine;
		this.profiles = profiles;
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
	}

	// ---- reading

	/** The active model for a profile's new tasks: the profile's own, else the default (installed on first use). */
	Model effectiveFor(String routingProfile) {
		if (Duration.between(loadedAt, Instant.now(clock)).compareTo(CACHE_TTL) > 0) {
			reload();
		}
		Model model = routingProfile == null ? null : active.get(routingProfile);
		if (model == null) {
			model = active.get(DEFAULT_PROFILE);
		}
		if (model == null) {
			installDefault();
			reload();
			model = active.get(DEFAULT_PROFILE);
		}
		if (model == null) {
			throw new IllegalStateException("No default escalation model is deployed");
		}
		return model;
	}

	List<Model> versions(String profile) {
		return jdbc.query("select * from owd_escalation_model where routing_profile = ? order by version desc", ROWS, profile);
	}

	Optional<Model> version(String profile, int version) {
		return jdbc.query("select * from owd_escalation_model where routing_profile = ? and version = ?", ROWS, profile, version)
			.stream().findFirst();
	}

	Optional<Model> byId(String id) {
		return jdbc.query("select * from owd_escalation_model where id = ?", ROWS, id).stream().findFirst();
	}

	/** The profiles that have models of their own, and the default. */
	List<String> profilesWithModels() {
		return jdbc.queryForList("select distinct routing_profile from owd_escalation_model order by routing_profile",
				String.class);
	}

	byte[] xml(Model model) {
		try (InputStream in = engine.getRepositoryService().getResourceAsStream(model.deploymentId(), model.resourceName())) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long runningInstances(Model model) {
		return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionId(model.processDefinitionId()).count();
	}

	private void reload() {
		Map<String, Model> fresh = new java.util.HashMap<>();
		jdbc.query("select * from owd_escalation_model where active = ?", ROWS, true).forEach(m -> fresh.put(m.profile(), m));
		active.keySet().retainAll(fresh.keySet());
		active.putAll(fresh);
		loadedAt = Instant.now(clock);
	}

	// ---- changing

	/** Problems of a model (empty = valid), without deploying anything. */
	List<FieldProblem> validate(byte[] xml, String resourceName) {
		return ModelValidator.validate(configuration(), xml, resourceName(resourceName));
	}

	/** Validates and deploys a model as the profile's next version, which becomes active. */
	Model deploy(String profile, byte[] xml, String resourceName, String actor, String comment) {
		checkProfile(profile);
		String resource = resourceName(resourceName);
		List<FieldProblem> problems = validate(xml, resource);
		if (!problems.isEmpty()) {
			throw new InvalidModelException(problems);
		}
		Model model = tx.execute(status -> insertVersion(profile, xml, resource, actor, comment));
		reload();
		log.info("{} deployed escalation model v{} for {} ({})", actor, model.version(), label(profile),
				model.processDefinitionId());
		return model;
	}

	/** Makes an existing version the one new tasks of the profile use (roll back, or forward again). */
	Model activate(String profile, int version, String actor) {
		Model model = version(profile, version)
			.orElseThrow(() -> new ModelNotFoundException("Escalation model " + label(profile) + " v" + version + " does not exist"));
		tx.executeWithoutResult(status -> {
			jdbc.update("update owd_escalation_model set active = ? where routing_profile = ? and id <> ?", false, profile,
					model.id());
			jdbc.update("update owd_escalation_model set active = ? where id = ?", true, model.id());
		});
		reload();
		log.info("{} made escalation model v{} of {} active", actor, version, label(profile));
		return version(profile, version).orElseThrow();
	}

	/** Moves the running instances of one version to another through Camunda's migration API (equal element ids). */
	MigrationResult migrate(String profile, int fromVersion, int toVersion, String actor) {
		Model from = version(profile, fromVersion).orElseThrow(
				() -> new ModelNotFoundException("Escalation model " + label(profile) + " v" + fromVersion + " does not exist"));
		Model to = version(profile, toVersion).orElseThrow(
				() -> new ModelNotFoundException("Escalation model " + label(profile) + " v" + toVersion + " does not exist"));
		RuntimeService runtime = engine.getRuntimeService();
		long running = runtime.createProcessInstanceQuery().processDefinitionId(from.processDefinitionId()).count();
		if (running == 0 || from.processDefinitionId().equals(to.processDefinitionId())) {
			return new MigrationResult(fromVersion, toVersion, 0);
		}
		try {
			tx.executeWithoutResult(status -> {
				MigrationPlan plan = runtime.createMigrationPlan(from.processDefinitionId(), to.processDefinitionId())
					.mapEqualActivities()
					.updateEventTriggers()
					.build();
				runtime.newMigration(plan)
					.processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(from.processDefinitionId()))
					.execute();
				jdbc.update("update owd_escalation_instance set model_id = ? where model_id = ? and closed_at is null", to.id(),
						from.id());
			});
		}
		catch (org.camunda.bpm.engine.ProcessEngineException ex) {
			throw new MigrationRefusedException("Camunda refused to migrate " + label(profile) + " v" + fromVersion + " to v"
					+ toVersion + ": " + ex.getMessage(), ex);
		}
		log.info("{} migrated {} escalation instances of {} from v{} to v{}", actor, running, label(profile), fromVersion,
				toVersion);
		return new MigrationResult(fromVersion, toVersion, running);
	}

	/** Deploys the shipped default model as version 1 of {@code *} when no default exists (any node, once). */
	void installDefault() {
		if (!versions(DEFAULT_PROFILE).isEmpty()) {
			return;
		}
		byte[] xml;
		try (InputStream in = new ClassPathResource(DEFAULT_RESOURCE).getInputStream()) {
			xml = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The default escalation model " + DEFAULT_RESOURCE + " is missing", ex);
		}
		try {
			tx.execute(status -> insertVersion(DEFAULT_PROFILE, xml, "escalation-default.bpmn", "system",
					"shipped default model"));
			log.info("Installed the default escalation model");
		}
		catch (DuplicateKeyException otherNodeWasFirst) {
			log.debug("Another node installed the default escalation model first");
		}
	}

	private Model insertVersion(String profile, byte[] xml, String resource, String actor, String comment) {
		RepositoryService repository = engine.getRepositoryService();
		Deployment deployment = repository.createDeployment()
			.name(DEPLOYMENT_PREFIX + profile)
			.source("openwd")
			.addInputStream(resource, new ByteArrayInputStream(xml))
			.deploy();
		List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).list();
		if (definitions.size() != 1) {
			throw new InvalidModelException(List.of(new FieldProblem("(process)",
					"the model must define exactly one executable process, found " + definitions.size())));
		}
		ProcessDefinition definition = definitions.get(0);
		Integer last = jdbc.queryForObject("select max(version) from owd_escalation_model where routing_profile = ?",
				Integer.class, profile);
		int version = last == null ? 1 : last + 1;
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String id = UUID.randomUUID().toString();
		jdbc.update("update owd_escalation_model set active = ? where routing_profile = ?", false, profile);
		jdbc.update("insert into owd_escalation_model (id, routing_profile, version, process_definition_id, process_key, "
				+ "deployment_id, resource_name, checksum, active, deployed_at, deployed_by, comment_text) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, profile, version, definition.getId(), definition.getKey(),
				deployment.getId(), resource, sha256(xml), true, Timestamp.from(now), actor,
				comment == null ? null : comment.length() > 500 ? comment.substring(0, 500) : comment);
		return new Model(id, profile, version, definition.getId(), definition.getKey(), deployment.getId(), resource,
				sha256(xml), true, now, actor, comment);
	}

	private void checkProfile(String profile) {
		if (!DEFAULT_PROFILE.equals(profile) && profiles.find(profile).isEmpty()) {
			throw new InvalidRequestException("profile", "routing profile '" + profile + "' does not exist (use 'default' for "
					+ "the model every profile without its own uses)");
		}
	}

	private ProcessEngineConfigurationImpl configuration() {
		return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
	}

	private static String resourceName(String name) {
		String base = name == null || name.isBlank() ? "escalation" : name.replaceAll("[^A-Za-z0-9._-]", "_");
		if (base.endsWith(".bpmn20.xml") || base.endsWith(".bpmn")) {
			return base;
		}
		return base + ".bpmn";
	}

	static String label(String profile) {
		return DEFAULT_PROFILE.equals(profile) ? "the default model" : "profile " + profile;
	}

	private static String sha256(byte[] xml) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String text(byte[] xml) {
		return new String(xml, StandardCharsets.UTF_8);
	}

}
