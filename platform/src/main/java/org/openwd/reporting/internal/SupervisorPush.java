package org.openwd.reporting.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.inbox.LiveChannel;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.openwd.task.TaskUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the supervisor view live without polling: after a task change commits on this node, one
 * {@code board-changed} message (collected over {@code openwd.reporting.push-delay}) tells every connected supervisor
 * to re-read what it shows. The employee who lost a task (reassigned, pulled back, held, canceled) gets a
 * {@code task-updated} message so their inbox re-reads its work. Best effort, like the rest of the live channel.
 */
@Component
class SupervisorPush {

	static final String BOARD_CHANGED = "board-changed";

	static final String TASK_UPDATED = "task-updated";

	private static final Logger log = LoggerFactory.getLogger(SupervisorPush.class);

	private final LiveChannel live;

	private final LiveBoard board;

	private final ReportingProperties properties;

	private final Clock clock;

	private final AtomicInteger pending = new AtomicInteger();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "reporting-push");
		thread.setDaemon(true);
		return thread;
	});

	SupervisorPush(LiveChannel live, LiveBoard board, ReportingProperties properties, Clock clock) {
		this.clock = clock;
		this.live = live;
		this.board = board;
		this.properties = properties;
	}

	@EventListener
	void on(TaskStateChanged event) {
		afterCommit(() -> {
			changed();
			if (event.previousEmployee() != null) {
				toEmployee(event.previousEmployee(), event);
			}
			boolean leftThem = event.to() != TaskState.OFFERED && event.to() != TaskState.ASSIGNED;
			if (event.employee() != null && leftThem && !event.employee().equals(event.actor())) {
				toEmployee(event.employee(), event);
			}
		});
	}

	@EventListener
	void on(TaskUpdated event) {
		afterCommit(this::changed);
	}

	private void toEmployee(String employee, TaskStateChanged event) {
		try {
			live.toEmployee(employee, TASK_UPDATED, Map.of("taskId", event.taskId().toString(), "state", event.to().name(),
					"action", event.action().name()));
		}
		catch (RuntimeException ex) {
			log.debug("could not tell {} about {}", employee, event.taskId(), ex);
		}
	}

	private void changed() {
		if (pending.getAndIncrement() == 0) {
			timer.schedule(this::push, properties.pushDelay().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void push() {
		int changes = pending.getAndSet(0);
		board.invalidate();
		try {
			live.toSupervisors(BOARD_CHANGED, Map.of("changes", changes, "at", clock.instant().toString()));
		}
		catch (RuntimeException ex) {
			log.debug("could not push to supervisors", ex);
		}
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	@PreDestroy
	void stop() {
		timer.shutdownNow();
	}

}
