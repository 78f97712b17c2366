package org.openwd.escalation.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.rules.BusinessCalendars;
import org.springframework.stereotype.Component;

/**
 * OpenWD's hooks into the Camunda engine the Spring Boot starter builds:
 * <ul>
 * <li>timer durations in business time ({@link TaskBusinessCalendar} replaces the "duration" calendar);</li>
 * <li>every user task of a model becomes a supervisor review in the global task list ({@link SupervisorReviews});</li>
 * <li>a read-only identity service backed by the platform's login ({@link PlatformIdentityProvider});</li>
 * <li>with {@code openwd.escalation.history=lean} (the default) and history level {@code audit}: less history for
 * escalation instances ({@link EscalationHistoryLevel}); models of escalation deployments are marked when parsed;</li>
 * <li>after the engine created or updated its schema: an index on {@code ACT_RU_JOB.DUEDATE_}, which Camunda's MySQL
 * (and H2) schema lacks and without which timer acquisition collapses under a large timer backlog.</li>
 * </ul>
 */
@Component
class EscalationEnginePlugin extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(EscalationEnginePlugin.class);

	static final String JOB_DUEDATE_INDEX = "OWD_IDX_JOB_DUEDATE";

	private final BusinessCalendars calendars;

	private final SupervisorReviews reviews;

	private final boolean leanHistory;

	EscalationEnginePlugin(BusinessCalendars calendars, SupervisorReviews reviews, EscalationProperties properties) {
		this.calendars = calendars;
		this.reviews = reviews;
		this.leanHistory = !"audit".equalsIgnoreCase(properties.history());
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
		manager.addBusinessCalendar(DurationBusinessCalendar.NAME, new TaskBusinessCalendar(calendars));
		manager.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
		manager.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
		configuration.setBusinessCalendarManager(manager);
		List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
		listeners.add(reviews.parseListener());
		listeners.add(new EscalationModelMarker());
		configuration.setCustomPostBPMNParseListeners(listeners);
		if (leanHistory) {
			// same name and id as audit, listed after the built-in levels: chosen when the history level is audit
			List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
					: new ArrayList<>(configuration.getCustomHistoryLevels());
			levels.add(new EscalationHistoryLevel());
			configuration.setCustomHistoryLevels(levels);
		}
		// Camunda keeps no users of its own: the platform's login is the only user store (Cockpit, Admin)
		configuration.setIdentityProviderSessionFactory(
				new org.camunda.bpm.engine.impl.persistence.GenericManagerFactory(PlatformIdentityProvider.class));
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
		try {
			ensureJobDueDateIndex(dataSource);
		}
		catch (SQLException ex) {
			log.warn("Could not add the index {} on ACT_RU_JOB(DUEDATE_); timers still work, but acquisition slows down "
					+ "with many waiting timers", JOB_DUEDATE_INDEX, ex);
		}
	}

	/** Marks the process definitions of escalation deployments ({@link EscalationModels#DEPLOYMENT_PREFIX}) when parsed. */
	static final class EscalationModelMarker extends AbstractBpmnParseListener {

		@Override
		public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
			CommandContext command = Context.getCommandContext();
			String deploymentId = processDefinition.getDeploymentId();
			if (command == null || deploymentId == null) {
				return;
			}
			DeploymentEntity deployment = command.getDeploymentManager().findDeploymentById(deploymentId);
			if (deployment != null && deployment.getName() != null
					&& deployment.getName().startsWith(EscalationModels.DEPLOYMENT_PREFIX)) {
				EscalationHistoryLevel.markEscalation(processDefinition);
			}
		}

	}

	/** Adds the index unless an index whose first column is DUEDATE_ exists already (idempotent, any node, any order). */
	static boolean ensureJobDueDateIndex(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			if (hasDueDateIndex(connection)) {
				return false;
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE INDEX " + JOB_DUEDATE_INDEX + " ON ACT_RU_JOB (DUEDATE_)");
			}
			catch (SQLException raced) {
				if (hasDueDateIndex(connection)) {
					return false; // another node added it meanwhile
				}
				throw raced;
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			log.info("Added index {} on ACT_RU_JOB(DUEDATE_)", JOB_DUEDATE_INDEX);
			return true;
		}
	}

	static boolean hasDueDateIndex(Connection connection) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		for (String table : new String[] { "ACT_RU_JOB", "act_ru_job" }) {
			try (ResultSet indexes = meta.getIndexInfo(connection.getCatalog(), null, table, false, true)) {
				while (indexes.next()) {
					String column = indexes.getString("COLUMN_NAME");
					if (indexes.getShort("ORDINAL_POSITION") == 1 && column != null
							&& column.toUpperCase(Locale.ROOT).equals("DUEDATE_")) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
