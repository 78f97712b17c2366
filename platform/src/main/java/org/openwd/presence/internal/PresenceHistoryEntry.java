package org.openwd.presence.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.openwd.presence.PresenceState;
import org.springframework.data.domain.Persistable;

/** One appended line of an employee's presence history (adherence reporting reads these). Never updated. */
@Entity
@Table(name = "owd_presence_history")
@IdClass(PresenceHistoryEntry.Key.class)
public class PresenceHistoryEntry implements Persistable<PresenceHistoryEntry.Key> {

	@Id
	@Column(length = 100)
	private String employeeId;

	@Id
	private int seq;

	private Instant at;

	@Enumerated(EnumType.STRING)
	private PresenceState fromState;

	@Enumerated(EnumType.STRING)
	private PresenceState toState;

	private String reason;

	private String actor;

	@Transient
	private boolean isNew;

	protected PresenceHistoryEntry() {
	}

	PresenceHistoryEntry(String employeeId, int seq, Instant at, PresenceState fromState, PresenceState toState, String reason,
			String actor) {
		this.employeeId = employeeId;
		this.seq = seq;
		this.at = at;
		this.fromState = fromState;
		this.toState = toState;
		this.reason = reason;
		this.actor = actor;
		this.isNew = true;
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		isNew = false;
	}

	@Override
	public Key getId() {
		return new Key(employeeId, seq);
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	public String employeeId() {
		return employeeId;
	}

	public int seq() {
		return seq;
	}

	public Instant at() {
		return at;
	}

	public PresenceState fromState() {
		return fromState;
	}

	public PresenceState toState() {
		return toState;
	}

	public String reason() {
		return reason;
	}

	public String actor() {
		return actor;
	}

	/** Composite key: employee and position in their history. */
	public static class Key implements Serializable {

		private String employeeId;

		private int seq;

		public Key() {
		}

		public Key(String employeeId, int seq) {
			this.employeeId = employeeId;
			this.seq = seq;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && k.seq == seq && Objects.equals(k.employeeId, employeeId);
		}

		@Override
		public int hashCode() {
			return Objects.hash(employeeId, seq);
		}

	}

}
