package org.openwd.connector.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.openwd.connector.api.StateNotice;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The outbox side of write-back: for every task state change of a source with a subscribed write-back, records a
 * delivery. Runs in the transaction of the change itself, so the delivery row commits with the change or not at all:
 * nothing is lost if the node crashes right afterwards, and changes of sources nobody subscribed to cost nothing (no
 * publication row). The unique key on (connector, task, seq, event) makes a repeated event harmless.
 */
@Component
class WriteBackRecorder {

	private final ConnectorHost host;

	private final DeliveryStore deliveries;

	private final GlobalTaskList tasks;

	private final Clock clock;

	private final OverdueWatcher overdue;

	WriteBackRecorder(ConnectorHost host, DeliveryStore deliveries, GlobalTaskList tasks, Clock clock,
			OverdueWatcher overdue) {
		this.host = host;
		this.deliveries = deliveries;
		this.tasks = tasks;
		this.clock = clock;
		this.overdue = overdue;
	}

	/** The event name a source subscribes to for a state: offered, assigned, completed, canceled, ... */
	static String eventOf(TaskState state) {
		return state.name().toLowerCase(Locale.ROOT);
	}

	@EventListener
	void on(TaskStateChanged change) {
		if (change.sourceSystem() == null || change.externalId() == null) {
			return;
		}
		if (!this.host.subscribers(change.sourceSystem(), OverdueWatcher.EVENT).isEmpty()) {
			this.tasks.find(change.taskId()).ifPresent(this.overdue::track);
		}
		String event = eventOf(change.to());
		List<String> subscribers = this.host.subscribers(change.sourceSystem(), event);
		if (subscribers.isEmpty()) {
			return;
		}
		String outcome = null;
		if (change.to() == TaskState.COMPLETED) {
			outcome = this.tasks.find(change.taskId()).map(TaskSnapshot::outcome).orElse(null);
		}
		StateNotice notice = new StateNotice(UUID.randomUUID().toString(), change.sourceSystem(), change.externalId(),
				change.taskId().toString(), event, change.to().name(), outcome, change.employee(), change.reason(),
				change.at(), change.seq());
		for (String connector : subscribers) {
			this.deliveries.add(connector, notice, this.clock.instant());
		}
	}

}
