package org.openwd.task.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.task.QueuedTaskIndex;
import org.openwd.task.QueuedTaskView;
import org.openwd.task.TaskId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every {@link QueuedTaskIndex} at start-up from one read of the queued tasks: a plain JDBC query of the
 * columns a {@link QueuedTaskView} holds, streamed with a large fetch size (MariaDB Connector/J streams a result set
 * whose fetch size is set; H2 buffers it), mapped row by row without JPA entities, and handed to the indexes in
 * batches. The skills column repeats across tasks, so each distinct JSON text is parsed once; the attributes column is
 * sent by the database, and parsed, only for the rows whose text mentions {@value QueuedTaskView#PERSONAL_EMPLOYEE}.
 * <p>
 * The read starts while the application is still starting, as soon as this bean and the indexes exist (the database is
 * migrated and JPA is up by then: the indexes depend on the task list), on its own thread ({@value #THREAD}), so that
 * scanning the table overlaps the rest of the start (the remaining beans, the web server, the AMQP listeners, the
 * application runners; on this code base the bean is created after Camunda's engine). The indexes' own log lines then
 * time the rebuild from the read's start to the end below. The end stays where it was: the listener of
 * {@link ApplicationReadyEvent} that runs first waits for the read, then tells every index
 * {@link QueuedTaskIndex#rebuildFinished}; so the application
 * reports ready only once every index has all its tasks, and triggers that arrive before then wait for it as before
 * (the distributor parks them until its rebuild is finished). A read that failed fails the start, as before.
 */
@Component
class QueuedTaskRebuild implements org.springframework.beans.factory.InitializingBean,
		org.springframework.beans.factory.DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(QueuedTaskRebuild.class);

	static final int FETCH_SIZE = 10_000;

	static final int BATCH_SIZE = 5_000;

	/** Past this many distinct skill-set texts new ones are parsed each time: correct, only slower. */
	static final int SKILL_CACHE_LIMIT = 100_000;

	// no ORDER BY: the indexes do not need an order, and the database may then scan the table or a state index, whichever
	// is cheaper, without sorting a million rows before the first one is sent
	static final String SQL = "select id, routing_profile, required_skills, department, customer_id, business_value,"
			+ " coalesce(waiting_since, captured_at), sla_warning_at, due_time, priority_pinned, priority_boost, target_step,"
			+ " case when attributes like '%\"" + QueuedTaskView.PERSONAL_EMPLOYEE + "\"%' then attributes end"
			+ " from owd_task where state = 'QUEUED'";

	private final JdbcTemplate jdbc;

	static final String THREAD = "openwd-queued-task-rebuild";

	private final ObjectProvider<QueuedTaskIndex> indexes;

	/** The indexes being rebuilt, and the read under way (set in {@link #afterPropertiesSet()}). */
	private volatile List<QueuedTaskIndex> targets = List.of();

	private volatile java.util.concurrent.CompletableFuture<Long> reading;

	private volatile long begun;

	/** Set when the context closes before the read is done: the read stops at the next row. */
	private volatile boolean closed;

	QueuedTaskRebuild(DataSource dataSource, ObjectProvider<QueuedTaskIndex> indexes) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(FETCH_SIZE);
		this.indexes = indexes;
	}

	/** Starts the read on its own thread, while the rest of the application starts. */
	@Override
	public void afterPropertiesSet() {
		List<QueuedTaskIndex> all = indexes.orderedStream().toList();
		targets = all;
		if (all.isEmpty()) {
			return;
		}
		begun = System.nanoTime();
		java.util.concurrent.CompletableFuture<Long> future = new java.util.concurrent.CompletableFuture<>();
		reading = future;
		Thread thread = new Thread(() -> {
			try {
				future.complete(readInto(all));
			}
			catch (Throwable ex) {
				future.completeExceptionally(ex);
			}
		}, THREAD);
		thread.setDaemon(true);
		thread.start();
		log.info("Reading the queued tasks for {} in-memory indexes while the application starts", all.size());
	}

	private long readInto(List<QueuedTaskIndex> all) {
		long cpu = cpuNanos();
		all.forEach(QueuedTaskIndex::rebuildStarting);
		long count = read(batch -> all.forEach(index -> index.rebuildBatch(batch)));
		// the CPU time of this thread (reading, mapping, and what the indexes do on it) does not depend on the load
		log.info("Queued tasks read once for {} in-memory indexes: {} tasks in {} ms (this thread's CPU {} ms)", all.size(),
				count, (System.nanoTime() - begun) / 1_000_000, (cpuNanos() - cpu) / 1_000_000);
		return count;
	}

	/**
	 * Waits for the read begun at start-up and finishes every index. First among the ready listeners: the distributor
	 * can offer work only once its queue is back, and no other ready listener needs to run before this one.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
	void rebuild() {
		java.util.concurrent.CompletableFuture<Long> future = reading;
		if (future == null) {
			return;
		}
		long waited = System.nanoTime();
		long count;
		try {
			count = future.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw new IllegalStateException("Reading the queued tasks for the in-memory indexes failed", ex.getCause());
		}
		targets.forEach(index -> index.rebuildFinished(count));
		log.info("Queued task rebuild finished: {} tasks, {} ms after the read began; the ready application waited {} ms "
				+ "for it", count, (System.nanoTime() - begun) / 1_000_000, (System.nanoTime() - waited) / 1_000_000);
	}

	@Override
	public void destroy() {
		closed = true;
	}

	/** Streams every queued task to {@code sink} in batches of {@link #BATCH_SIZE}; answers how many there were. */
	long read(Consumer<List<QueuedTaskView>> sink) {
		Rows rows = new Rows(sink);
		jdbc.query(SQL, rows);
		rows.flush();
		return rows.count;
	}

	/** Maps rows to views, shares equal skill sets, and hands over full batches. */
	private final class Rows implements RowCallbackHandler {

		private final Consumer<List<QueuedTaskView>> sink;

		private final Map<String, Set<String>> skills = new HashMap<>();

		private final JsonConverters.StringSetConverter skillJson = new JsonConverters.StringSetConverter();

		private final JsonConverters.AttributesConverter attributeJson = new JsonConverters.AttributesConverter();

		private List<QueuedTaskView> batch = new ArrayList<>(BATCH_SIZE);

		private long count;

		Rows(Consumer<List<QueuedTaskView>> sink) {
			this.sink = sink;
		}

		@Override
		public void processRow(ResultSet rs) throws SQLException {
			if (closed) {
				throw new IllegalStateException("the application is shutting down");
			}
			String skillText = rs.getString(3);
			Set<String> required = skills.get(skillText);
			if (required == null) {
				required = Collections.unmodifiableSet(skillJson.convertToEntityAttribute(skillText));
				if (skills.size() < SKILL_CACHE_LIMIT) {
					skills.put(skillText, required);
				}
			}
			String attributes = rs.getString(13);
			Object personal = attributes == null ? null
					: attributeJson.convertToEntityAttribute(attributes).get(QueuedTaskView.PERSONAL_EMPLOYEE);
			batch.add(new QueuedTaskView(new TaskId(UUID.fromString(rs.getString(1))), rs.getString(2), required,
					rs.getString(4), rs.getString(5), rs.getObject(6, Integer.class), instant(rs, 7), instant(rs, 8),
					instant(rs, 9), rs.getBoolean(10), rs.getInt(11), personal == null ? null : personal.toString(),
					rs.getObject(12, Integer.class)));
			count++;
			if (batch.size() == BATCH_SIZE) {
				flush();
			}
		}

		void flush() {
			if (!batch.isEmpty()) {
				sink.accept(batch);
				batch = new ArrayList<>(BATCH_SIZE);
			}
		}

	}

	/** The calling thread's CPU time, or 0 where the JVM does not measure it. */
	static long cpuNanos() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
	}

	/** Timestamps are stored as UTC wall-clock time (hibernate.jdbc.time_zone = UTC). */
	private static Instant instant(ResultSet rs, int column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return value == null ? null : value.toInstant(ZoneOffset.UTC);
	}

}
