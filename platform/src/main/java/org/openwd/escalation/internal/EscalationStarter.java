package org.openwd.escalation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.rules.RoutingProfile;
import org.openwd.rules.RoutingProfiles;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts and ends escalation instances, never on the capture path.
 * <ol>
 * <li>The first time a task is queued, the (asynchronous, at-least-once) event listener writes one pending row to
 * {@code owd_escalation_instance}: one cheap insert, keyed by the task id, so redeliveries and later re-queues change
 * nothing.</li>
 * <li>The starter takes pending rows in batches ({@code openwd.escalation.start-batch-size}) and starts their
 * instances in one transaction per batch (business key = task id, variables from the task), claiming each row with a
 * conditional update so that several nodes never start the same one.</li>
 * <li>When the task is completed, canceled or rejected, the row is closed and the instance gets the message
 * {@code openwd.task.closed}; a pending row that is closed first is never started.</li>
 * </ol>
 * Tasks without a due time, and tasks of the excluded sources (the module's own review tasks), are not escalated.
 */
@Component
class EscalationStarter {

	private static final Logger log = LoggerFactory.getLogger(EscalationStarter.class);

	static final String CLOSED_MESSAGE = "openwd.task.closed";

	private final JdbcTemplate jdbc;

	private final RuntimeService runtime;

	private final GlobalTaskList tasks;

	private final RoutingProfiles profiles;

	private final EscalationModels models;

	private final EscalationProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	/** Starts run in transactions of their own, never inside the listener's (a failed batch must not undo the request). */
	private final TransactionTemplate startTx;

	private final AtomicBoolean draining = new AtomicBoolean();

	/** Runs the drainer right after a request committed, off the listener's thread; extra wake-ups coalesce. */
	private final java.util.concurrent.ExecutorService wakeUps = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "openwd-escalation-starter");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	EscalationStarter(JdbcTemplate jdbc, RuntimeService runtime, GlobalTaskList tasks, RoutingProfiles profiles,
			EscalationModels models, EscalationProperties properties, Clock clock, PlatformTransactionManager transactions,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
		this.runtime = runtime;
		this.tasks = tasks;
		this.profiles = profiles;
		this.models = models;
		this.properties = properties;
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
		this.startTx = new TransactionTemplate(transactions);
		this.startTx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		wakeUps.shutdownNow();
	}

	/**
	 * In the transaction of the change: a queued task's request row commits with the task (nothing can be lost between
	 * them, and no publication row is needed for it); a close, which talks to the engine, goes on durably as
	 * {@link TaskClosed}.
	 */
	@EventListener
	void on(TaskStateChanged event) {
		if (!properties.enabled() || properties.excludedSources().contains(event.sourceSystem())) {
			return;
		}
		if (event.to() == TaskState.QUEUED) {
			requested(event);
			wakeUpAfterCommit();
		}
		else if (event.to().isTerminal()) {
			events.publishEvent(new TaskClosed(event));
		}
	}

	/** A watched task was closed: its escalation ends. From the publication registry, so it survives a crash. */
	record TaskClosed(TaskStateChanged change) {
	}

	@ApplicationModuleListener
	void on(TaskClosed closed) {
		closed(closed.change());
	}

	/** Records that the task wants an escalation, unless it has (or had, in this life) one already. */
	void requested(TaskStateChanged event) {
		String id = event.taskId().toString();
		Timestamp now = now();
		try {
			jdbc.update("insert into owd_escalation_instance (task_id, queued_seq, requested_at) values (?, ?, ?)", id,
					event.seq(), now);
		}
		catch (DuplicateKeyException exists) {
			// a restarted task (queued again after it was closed) gets a new escalation; anything else is a repeat
			jdbc.update("update owd_escalation_instance set queued_seq = ?, requested_at = ?, model_id = null, "
					+ "process_instance_id = null, started_at = null, closed_seq = null, closed_at = null, outcome = null "
					+ "where task_id = ? and closed_at is not null and closed_seq < ?", event.seq(), now, id, event.seq());
		}
	}

	/** Closes the task's row (or writes a closed one, if the close overtook the queue event) and ends its instance. */
	void closed(TaskStateChanged event) {
		String id = event.taskId().toString();
		String instance = tx.execute(status -> {
			int updated = jdbc.update("update owd_escalation_instance set closed_seq = ?, closed_at = ?, outcome = ? "
					+ "where task_id = ? and (closed_seq is null or closed_seq < ?)", event.seq(), now(),
					event.to().name().toLowerCase(java.util.Locale.ROOT), id, event.seq());
			if (updated == 0) {
				try {
					jdbc.update("insert into owd_escalation_instance (task_id, queued_seq, requested_at, closed_seq, closed_at, "
							+ "outcome) values (?, ?, ?, ?, ?, ?)", id, 0, now(), event.seq(), now(),
							event.to().name().toLowerCase(java.util.Locale.ROOT));
				}
				catch (DuplicateKeyException alreadyClosed) {
					// a later close was recorded already
				}
				return null;
			}
			List<String> ids = jdbc.queryForList("select process_instance_id from owd_escalation_instance where task_id = ?",
					String.class, id);
			return ids.isEmpty() ? null : ids.get(0);
		});
		if (instance != null) {
			end(instance, "task " + event.to().name().toLowerCase(java.util.Locale.ROOT));
		}
	}

	private void end(String processInstanceId, String reason) {
		tx.executeWithoutResult(status -> {
			if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
				return;
			}
			runtime.createMessageCorrelation(CLOSED_MESSAGE).processInstanceId(processInstanceId).correlateAll();
			if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
					&& runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventName(CLOSED_MESSAGE)
						.count() == 0) {
				// a model that never listens for the close message (validation refuses those, older engines may have one)
				runtime.deleteProcessInstance(processInstanceId, reason, true, true);
			}
		});
	}

	private void wakeUpAfterCommit() {
		Runnable wakeUp = () -> {
			if (wakeUpPending.compareAndSet(false, true)) {
				try {
					wakeUps.execute(() -> {
						wakeUpPending.set(false);
						drain();
					});
				}
				catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
					wakeUpPending.set(false);
				}
			}
		};
		org.openwd.common.AfterCommit.run(wakeUp);
	}

	/** Starts pending instances, batch by batch, until none is left. One drainer per node at a time. */
	@Scheduled(fixedDelayString = "${openwd.escalation.start-interval:PT1S}")
	void drain() {
		if (!properties.enabled() || !draining.compareAndSet(false, true)) {
			return;
		}
		try {
			while (true) {
				List<String> batch = jdbc.queryForList("select task_id from owd_escalation_instance where started_at is null "
						+ "and closed_at is null order by requested_at limit " + Math.max(1, properties.startBatchSize()),
						String.class);
				if (batch.isEmpty()) {
					return;
				}
				try {
					startTx.executeWithoutResult(status -> batch.forEach(this::start));
				}
				catch (RuntimeException batchFailed) {
					log.debug("A batch of escalation starts failed; starting its tasks one by one", batchFailed);
					for (String id : batch) {
						try {
							startTx.executeWithoutResult(status -> start(id));
						}
						catch (RuntimeException ex) {
							log.error("Escalation of task {} could not be started; marked failed", id, ex);
							jdbc.update("update owd_escalation_instance set closed_at = ?, outcome = ? where task_id = ? "
									+ "and started_at is null", now(), truncate("failed: " + ex.getMessage(), 40), id);
						}
					}
				}
				if (batch.size() < properties.startBatchSize()) {
					return;
				}
			}
		}
		finally {
			draining.set(false);
		}
	}

	/** Inside the batch's transaction: claims the row, then starts the instance (or marks why none is needed). */
	private void start(String id) {
		Timestamp now = now();
		if (jdbc.update("update owd_escalation_instance set started_at = ? where task_id = ? and started_at is null "
				+ "and closed_at is null", now, id) == 0) {
			return; // another node, or a close, was first
		}
		Optional<TaskSnapshot> found = tasks.find(new TaskId(UUID.fromString(id)));
		if (found.isEmpty() || found.get().state().isTerminal() || found.get().dueTime() == null) {
			jdbc.update("update owd_escalation_instance set closed_at = ?, outcome = ? where task_id = ?", now,
					found.isEmpty() ? "missing" : found.get().state().isTerminal() ? "closed" : "no-sla", id);
			return;
		}
		TaskSnapshot task = found.get();
		EscalationModels.Model model = models.effectiveFor(task.routingProfile());
		ProcessInstance instance = runtime.startProcessInstanceById(model.processDefinitionId(), id, variables(task));
		jdbc.update("update owd_escalation_instance set routing_profile = ?, model_id = ?, process_instance_id = ? "
				+ "where task_id = ?", task.routingProfile(), model.id(), instance.getId(), id);
	}

	VariableMap variables(TaskSnapshot task) {
		String calendar = profiles.find(task.routingProfile()).map(RoutingProfile::calendar).orElse(null);
		return Variables.createVariables()
			.putValue("taskId", task.id().toString())
			.putValue("routingProfile", task.routingProfile())
			.putValue("department", task.department())
			.putValue("title", task.title())
			.putValue(TaskBusinessCalendar.CALENDAR_VARIABLE, calendar)
			.putValue("slaWarningAt", task.slaWarningAt() == null ? null : Date.from(task.slaWarningAt()))
			.putValue("dueTime", Date.from(task.dueTime()));
	}

	/** The escalation row of a task, for the status endpoint and tests. */
	Optional<Map<String, Object>> row(TaskId id) {
		return jdbc.queryForList("select * from owd_escalation_instance where task_id = ?", id.toString()).stream().findFirst();
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

	static Instant instant(Object value) {
		return value instanceof Timestamp ts ? ts.toInstant() : null;
	}

}
