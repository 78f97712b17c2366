package org.openwd.connector.bpm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.api.PollingSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.MapRecord;
import org.openwd.connector.mapping.MappingException;

/**
 * Polls a Camunda 7 engine's active user tasks (the embedded engine or a remote one, see {@link UserTasks}) of the configured process definitions and captures each as
 * an OpenWD task (external id = the user task id). A user task that ended in the engine (completed there, or its
 * process was canceled) cancels its OpenWD task. Fields offered to the mapping: {@code id}, {@code name},
 * {@code description}, {@code taskDefinitionKey}, {@code processDefinitionId}, {@code processInstanceId},
 * {@code due}, {@code followUp}, {@code created}, {@code priority}, {@code assignee}, and {@code var.NAME} for the
 * process variables named in {@code variables}.
 */
final class CamundaUserTaskSource extends PollingSource {

	private final UserTasks tasks;

	private final List<String> processDefinitionKeys;

	private final List<String> variables;

	private final ItemMapping mapping;

	private final Duration pollInterval;

	private final Clock clock;

	/** User tasks captured by this instance: task id to (external id, the fields last delivered). */
	private final Map<String, Delivered> open = new LinkedHashMap<>();

	/**
	 * What this source last did with a user task. {@code suspect} holds fields read once that no longer map although
	 * the task was captured before: reported as malformed only when the next poll reads them again, because a task
	 * that ends while it is read shows its variables already gone (two reads, two snapshots), and its external id must
	 * be kept to cancel it on the next poll.
	 */
	private record Delivered(String externalId, Map<String, Object> fields, Map<String, Object> suspect) {

		Delivered(String externalId, Map<String, Object> fields) {
			this(externalId, fields, null);
		}

	}

	CamundaUserTaskSource(String name, UserTasks tasks, List<String> processDefinitionKeys, List<String> variables,
			ItemMapping mapping, Duration pollInterval, Clock clock) {
		super(name, "openwd-bpm-" + name);
		this.tasks = tasks;
		this.processDefinitionKeys = List.copyOf(processDefinitionKeys);
		this.variables = List.copyOf(variables);
		this.mapping = mapping;
		this.pollInterval = pollInterval;
		this.clock = clock;
	}

	@Override
	protected Duration poll(CaptureSink sink) {
		pollOnce(sink);
		return this.pollInterval;
	}

	/** The engine could not be read (a remote engine unreachable): down until a poll reads it again. */
	@Override
	protected Duration failedPoll(Exception failure) {
		recordError(failure.getClass().getSimpleName() + ": " + failure.getMessage());
		down();
		return this.pollInterval;
	}

	void pollOnce(CaptureSink sink) {
		List<UserTasks.UserTask> active = this.tasks.active(this.processDefinitionKeys, 1000);
		recordActivity(this.clock.instant());
		Set<String> seen = new HashSet<>();
		for (UserTasks.UserTask task : active) {
			if (closing()) {
				return;
			}
			seen.add(task.id());
			Map<String, Object> fields;
			try {
				fields = fields(task);
			}
			catch (RuntimeException ex) {
				// e.g. the task ended between the query and reading its variables: the next poll sees it gone; the
				// other tasks of this poll (and the cancels below) must not wait for that
				recordError(ex.getClass().getSimpleName() + ": " + ex.getMessage());
				continue;
			}
			Delivered known = this.open.get(task.id());
			if (known != null && known.fields().equals(fields)) {
				continue;
			}
			if (known != null && !known.externalId().isEmpty() && !mapsCleanly(fields)
					&& !fields.equals(known.suspect())) {
				// captured before and unmappable now: maybe the task is ending under this read; look again next poll
				this.open.put(task.id(), new Delivered(known.externalId(), known.fields(), fields));
				continue;
			}
			// new, or changed in the engine (name, due date, variables): a capture that upserts
			String externalId = deliver(sink, task, fields);
			if (externalId != null) {
				boolean keepId = externalId.isEmpty() && known != null;
				this.open.put(task.id(), new Delivered(keepId ? known.externalId() : externalId, fields));
			}
		}
		recordLag(active.isEmpty() || active.get(0).created() == null ? Duration.ZERO
				: Duration.between(active.get(0).created(), this.clock.instant()));
		for (String gone : Set.copyOf(this.open.keySet())) {
			if (!seen.contains(gone) && !closing()) {
				String externalId = this.open.get(gone).externalId();
				if (!externalId.isEmpty()) {
					sink.cancel(new ItemCancel(this.mapping.sourceSystem(), externalId, "the user task ended in the BPM engine"));
				}
				this.open.remove(gone);
			}
		}
	}

	private boolean mapsCleanly(Map<String, Object> fields) {
		try {
			this.mapping.map(new MapRecord(fields));
			return true;
		}
		catch (MappingException ex) {
			return false;
		}
	}

	/**
	 * Returns the external id when the task is done with: captured ({@code externalId}), or reported and skipped
	 * ({@code ""}, nothing to cancel later); {@code null} to try again.
	 */
	private String deliver(CaptureSink sink, UserTasks.UserTask task, Map<String, Object> fields) {
		try {
			org.openwd.connector.mapping.SourceCommand command = this.mapping.map(new MapRecord(fields));
			command.deliver(sink);
			countCaptured();
			return command.externalId();
		}
		catch (MappingException ex) {
			sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), "user task " + task.id(), ex.getMessage(),
					task.name()));
			countFailed();
			recordError(ex.getMessage());
			return "";
		}
		catch (CaptureException ex) {
			recordError(ex.getMessage());
			if (ex.retryable()) {
				return null;
			}
			countFailed();
			return "";
		}
	}

	private Map<String, Object> fields(UserTasks.UserTask task) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", task.id());
		fields.put("name", task.name());
		fields.put("description", task.description());
		fields.put("taskDefinitionKey", task.taskDefinitionKey());
		fields.put("processDefinitionId", task.processDefinitionId());
		fields.put("processInstanceId", task.processInstanceId());
		fields.put("due", task.due());
		fields.put("followUp", task.followUp());
		fields.put("created", task.created());
		fields.put("priority", task.priority());
		fields.put("assignee", task.assignee());
		if (!this.variables.isEmpty()) {
			Map<String, Object> values = this.tasks.variables(task.id(), this.variables);
			values.forEach((key, value) -> fields.put("var." + key,
					value == null || value instanceof Number || value instanceof Boolean ? value : value.toString()));
		}
		return fields;
	}

}
