package org.openwd.connector.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openwd.connector.api.StateNotice;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskUpdated;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code overdue} write-back event. The task list has no event for a due time passing, so for sources that
 * subscribed to it this watcher keeps their open tasks' due times (table owd_connector_due_watch, fed from the
 * task events) and, when one passes, records a write-back delivery. One notice per due time: a postponed due time
 * that passes again is notified again.
 */
@Component
class OverdueWatcher {

	static final String EVENT = "overdue";

	private final ConnectorHost host;

	private final GlobalTaskList tasks;

	private final DeliveryStore deliveries;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	OverdueWatcher(ConnectorHost host, GlobalTaskList tasks, DeliveryStore deliveries, JdbcTemplate jdbc, Clock clock) {
		this.host = host;
		this.tasks = tasks;
		this.deliveries = deliveries;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Called for every state change of a task (from {@link WriteBackRecorder}). */
	void track(TaskSnapshot task) {
		List<String> watchers = this.host.subscribers(task.sourceSystem(), EVENT);
		for (String connector : watchers) {
			if (task.state().isTerminal() || task.dueTime() == null) {
				this.jdbc.update("DELETE FROM owd_connector_due_watch WHERE task_id = ? AND connector = ?", task.id().toString(),
						connector);
			}
			else if (this.jdbc.update("UPDATE owd_connector_due_watch SET due_time = ? WHERE task_id = ? AND connector = ?",
					Timestamp.from(task.dueTime()), task.id().toString(), connector) == 0) {
				try {
					this.jdbc.update("INSERT INTO owd_connector_due_watch (task_id, connector, due_time) VALUES (?, ?, ?)",
							task.id().toString(), connector, Timestamp.from(task.dueTime()));
				}
				catch (org.springframework.dao.DuplicateKeyException raced) {
					// another node tracked it at the same moment
				}
			}
		}
	}

	// the condition is evaluated before the event publication is stored: the other changes (priority, targets ...)
	// cost no publication row, no after-commit thread and no completion (docs/PERFORMANCE.md, W6)
	@ApplicationModuleListener(condition = "#update.changedFields().contains('dueTime')")
	void on(TaskUpdated update) {
		if (update.changedFields().contains("dueTime")) {
			this.tasks.find(update.taskId()).ifPresent(this::track);
		}
	}

	@Scheduled(fixedDelayString = "${openwd.connectors.overdue-check-interval:PT5S}")
	void notifyOverdue() {
		if (!this.host.isRunning()) {
			return;
		}
		Instant now = this.clock.instant();
		record Watch(String taskId, String connector, Instant due) {
		}
		List<Watch> due = this.jdbc.query(
				"SELECT task_id, connector, due_time FROM owd_connector_due_watch WHERE due_time <= ? AND (notified_due IS NULL OR notified_due <> due_time) ORDER BY due_time LIMIT 200",
				(rs, row) -> new Watch(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), Timestamp.from(now));
		for (Watch watch : due) {
			Optional<TaskSnapshot> task = this.tasks.find(TaskId.of(watch.taskId()));
			if (task.isEmpty() || task.get().state().isTerminal() || task.get().dueTime() == null) {
				this.jdbc.update("DELETE FROM owd_connector_due_watch WHERE task_id = ? AND connector = ?", watch.taskId(),
						watch.connector());
				continue;
			}
			TaskSnapshot snapshot = task.get();
			if (snapshot.dueTime().isAfter(now)) {
				this.jdbc.update("UPDATE owd_connector_due_watch SET due_time = ? WHERE task_id = ? AND connector = ?",
						Timestamp.from(snapshot.dueTime()), watch.taskId(), watch.connector());
				continue;
			}
			StateNotice notice = new StateNotice(UUID.randomUUID().toString(), snapshot.sourceSystem(),
					snapshot.externalId(), snapshot.id().toString(), EVENT, snapshot.state().name(), null,
					snapshot.assignedEmployee(), "due " + snapshot.dueTime(), snapshot.dueTime(),
					(int) Math.min(Integer.MAX_VALUE, snapshot.version()));
			this.deliveries.add(watch.connector(), notice, now);
			this.jdbc.update(
					"UPDATE owd_connector_due_watch SET notified_due = due_time WHERE task_id = ? AND connector = ? AND due_time = ?",
					watch.taskId(), watch.connector(), Timestamp.from(watch.due()));
		}
	}

}
