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
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The outbox side of write-back: for every task state change of a source with a subscribed write-back, records a
 * delivery. Runs as an {@link ApplicationModuleListener} from Spring Modulith's persistent event publication registry,
 * so a change that committed is recorded even if the node crashes right afterwards (the publication is resubmitted);
 * the unique key on (connector, task, seq, event) makes the resubmission harmless.
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

	@ApplicationModuleListener
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
