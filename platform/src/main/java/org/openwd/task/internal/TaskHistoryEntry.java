package org.openwd.task.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.openwd.task.TaskAction;
import org.openwd.task.TaskState;
import org.springframework.data.domain.Persistable;

/**
 * One appended line of a task's history: the source of truth for reporting. Never updated: Hibernate treats it as
 * immutable (no snapshot, no dirty check at flush) and its details as a value that is never changed in place (no
 * copy through Jackson when it is persisted).
 */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "owd_task_history")
@IdClass(TaskHistoryEntry.Key.class)
public class TaskHistoryEntry implements Persistable<TaskHistoryEntry.Key> {

	@Id
	@Column(length = 36)
	@JdbcTypeCode(SqlTypes.VARCHAR)
	private UUID taskId;

	@Id
	private int seq;

	private Instant at;

	private String actor;

	@Enumerated(EnumType.STRING)
	private TaskAction action;

	@Enumerated(EnumType.STRING)
	private TaskState fromState;

	@Enumerated(EnumType.STRING)
	private TaskState toState;

	private String reason;

	@Convert(converter = JsonConverters.AttributesConverter.class)
	@org.hibernate.annotations.Mutability(org.hibernate.type.descriptor.java.Immutability.class)
	private Map<String, Object> details;

	@Transient
	private boolean isNew;

	protected TaskHistoryEntry() {
	}

	TaskHistoryEntry(UUID taskId, int seq, Instant at, String actor, TaskAction action, TaskState fromState, TaskState toState,
			String reason, Map<String, Object> details) {
		this.taskId = taskId;
		this.seq = seq;
		this.at = at;
		this.actor = actor;
		this.action = action;
		this.fromState = fromState;
		this.toState = toState;
		this.reason = reason;
		this.details = details;
		this.isNew = true;
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		isNew = false;
	}

	@Override
	public Key getId() {
		return new Key(taskId, seq);
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	public int seq() {
		return seq;
	}

	public Instant at() {
		return at;
	}

	public String actor() {
		return actor;
	}

	public TaskAction action() {
		return action;
	}

	public TaskState fromState() {
		return fromState;
	}

	public TaskState toState() {
		return toState;
	}

	public String reason() {
		return reason;
	}

	public Map<String, Object> details() {
		return details;
	}

	/** Composite key: task and position in its history. */
	public static class Key implements java.io.Serializable {

		private UUID taskId;

		private int seq;

		public Key() {
		}

		public Key(UUID taskId, int seq) {
			this.taskId = taskId;
			this.seq = seq;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && k.seq == seq && java.util.Objects.equals(k.taskId, taskId);
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hash(taskId, seq);
		}

	}

}
