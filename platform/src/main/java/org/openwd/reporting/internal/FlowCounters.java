package org.openwd.reporting.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.openwd.reporting.Dimension;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskAction;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Counts arrivals, completions and completions within the SLA per hour, for the site and per department, process and
 * routing profile. Events arrive at least once, so each counted (task, seq) is remembered and a redelivery is skipped.
 */
@Component
class FlowCounters {

	private final NamedParameterJdbcTemplate jdbc;

	private final GlobalTaskList tasks;

	private final ApplicationEventPublisher events;

	FlowCounters(NamedParameterJdbcTemplate jdbc, GlobalTaskList tasks, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.tasks = tasks;
	}

	/**
	 * Picks arrivals and completions out of all task changes, in the publishing transaction, and passes them on as
	 * {@link Counted}: only those get a row in the publication registry, not the offers, accepts and holds in between.
	 */
	@EventListener
	void select(TaskStateChanged event) {
		if (event.action() == TaskAction.CAPTURE || event.to() == TaskState.COMPLETED) {
			events.publishEvent(new Counted(event));
		}
	}

	/** A change the counters count. */
	record Counted(TaskStateChanged change) {
	}

	@ApplicationModuleListener
	void on(Counted counted) {
		on(counted.change());
	}

	void on(TaskStateChanged event) {
		boolean arrived = event.action() == TaskAction.CAPTURE;
		boolean completed = event.to() == TaskState.COMPLETED;
		if (!arrived && !completed) {
			return;
		}
		TaskSnapshot task = tasks.find(event.taskId()).orElse(null);
		if (task == null || !firstTime(event)) {
			return;
		}
		boolean inSla = completed && task.withinDueAt(event.at());
		Instant bucket = event.at().truncatedTo(ChronoUnit.HOURS);
		Map<Dimension, String> keys = Map.of(Dimension.ALL, "", Dimension.DEPARTMENT, nz(task.department()),
				Dimension.PROCESS, nz(task.process()), Dimension.QUEUE, nz(task.routingProfile()));
		keys.forEach((dimension, key) -> add(bucket, dimension, key, arrived ? 1 : 0, completed ? 1 : 0, inSla ? 1 : 0));
	}

	private boolean firstTime(TaskStateChanged event) {
		try {
			jdbc.update("INSERT INTO owd_report_counted (task_id, seq, at) VALUES (:id, :seq, :at)",
					new MapSqlParameterSource("id", event.taskId().toString()).addValue("seq", event.seq())
						.addValue("at", Db.utc(event.at())));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private void add(Instant bucket, Dimension dimension, String key, int arrived, int completed, int inSla) {
		MapSqlParameterSource p = new MapSqlParameterSource("bucket", Db.utc(bucket)).addValue("kind", dimension.key())
			.addValue("key", key)
			.addValue("a", arrived)
			.addValue("c", completed)
			.addValue("s", inSla);
		String update = "UPDATE owd_report_flow SET arrived = arrived + :a, completed = completed + :c, "
				+ "completed_in_sla = completed_in_sla + :s WHERE dim_kind = :kind AND dim_key = :key AND bucket_start = :bucket";
		if (jdbc.update(update, p) > 0) {
			return;
		}
		try {
			jdbc.update("INSERT INTO owd_report_flow (bucket_start, dim_kind, dim_key, arrived, completed, completed_in_sla) "
					+ "VALUES (:bucket, :kind, :key, :a, :c, :s)", p);
		}
		catch (DuplicateKeyException ex) {
			// another node or thread inserted the row first
			jdbc.update(update, p);
		}
	}

	static String nz(String value) {
		return value == null ? "" : value;
	}

}
