package org.openwd.presence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.openwd.presence.EmployeeChanged;
import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.PresenceChanged;
import org.openwd.presence.PresenceState;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.domain.Persistable;

/**
 * An employee: profile (skills, capacity, team, shift, out-of-office) and presence. Presence changes only through
 * {@link #goReady}, {@link #goNotReady} and {@link #goOffline}; each real change appends a history entry and registers a
 * {@link PresenceChanged} event, and asking for the current presence changes nothing. A profile edit registers
 * {@link EmployeeChanged}.
 */
@Entity
@Table(name = "owd_employee")
public class Employee extends AbstractAggregateRoot<Employee> implements Persistable<String> {

	@Id
	@Column(length = 100)
	private String id;

	private String displayName;

	private String team;

	private String department;

	@Convert(converter = JsonMaps.IntMapConverter.class)
	private Map<String, Integer> skills = new TreeMap<>();

	@Convert(converter = JsonMaps.IntMapConverter.class)
	private Map<String, Integer> channelCapacity = new TreeMap<>();

	private int totalCapacity;

	private Instant shiftEnd;

	@Enumerated(EnumType.STRING)
	private PresenceState presence;

	private String reason;

	private Instant presenceSince;

	private boolean outOfOffice;

	private String substitute;

	private int historyCount;

	@Version
	private long version;

	private Instant createdAt;

	private Instant updatedAt;

	@Transient
	private boolean isNew;

	@Transient
	private final List<PresenceHistoryEntry> newHistory = new ArrayList<>();

	protected Employee() {
	}

	/** A new employee, OFFLINE until they log in. */
	static Employee create(String id, EmployeeProfile profile, Instant now, String actor) {
		Employee employee = new Employee();
		employee.id = requireText(id, "id");
		employee.isNew = true;
		employee.presence = PresenceState.OFFLINE;
		employee.presenceSince = now;
		employee.createdAt = now;
		employee.apply(profile);
		employee.updatedAt = now;
		employee.registerEvent(new EmployeeChanged(id, now, actor));
		return employee;
	}

	/** Replaces the profile; returns whether anything changed (and only then registers {@link EmployeeChanged}). */
	boolean updateProfile(EmployeeProfile profile, Instant now, String actor) {
		EmployeeProfile before = profile();
		if (before.equals(profile)) {
			return false;
		}
		apply(profile);
		updatedAt = now;
		registerEvent(new EmployeeChanged(id, now, actor));
		return true;
	}

	/** Available for offers; returns false when already READY. */
	boolean goReady(String note, Instant now, String actor) {
		if (presence == PresenceState.READY) {
			return false;
		}
		move(PresenceState.READY, null, note, now, actor);
		return true;
	}

	/** Not available, for a reason code; returns false when already NOT_READY for the same reason. */
	boolean goNotReady(String reasonCode, Instant now, String actor) {
		String code = requireText(reasonCode, "reason");
		if (presence == PresenceState.NOT_READY && code.equals(reason)) {
			return false;
		}
		move(PresenceState.NOT_READY, code, code, now, actor);
		return true;
	}

	/** Logged out (or lost the connection); returns false when already OFFLINE. */
	boolean goOffline(String note, Instant now, String actor) {
		if (presence == PresenceState.OFFLINE) {
			return false;
		}
		move(PresenceState.OFFLINE, null, note, now, actor);
		return true;
	}

	/** Dispatches to the verb for {@code to}. */
	boolean changePresence(PresenceState to, String reasonOrNote, Instant now, String actor) {
		if (to == PresenceState.READY) {
			return goReady(reasonOrNote, now, actor);
		}
		if (to == PresenceState.NOT_READY) {
			return goNotReady(reasonOrNote, now, actor);
		}
		return goOffline(reasonOrNote, now, actor);
	}

	private void move(PresenceState to, String reasonCode, String historyReason, Instant now, String actor) {
		String who = truncate(requireText(actor, "actor"), 100);
		String why = truncate(historyReason, 100);
		PresenceState from = presence;
		presence = to;
		reason = reasonCode;
		presenceSince = now;
		updatedAt = now;
		historyCount++;
		newHistory.add(new PresenceHistoryEntry(id, historyCount, now, from, to, why, who));
		registerEvent(new PresenceChanged(id, from, to, why, now, who));
	}

	private void apply(EmployeeProfile profile) {
		displayName = profile.displayName();
		team = profile.team();
		department = profile.department();
		skills = new TreeMap<>(profile.skills());
		channelCapacity = new TreeMap<>(profile.channelCapacity());
		totalCapacity = profile.totalCapacity() == null ? 0 : profile.totalCapacity();
		shiftEnd = profile.shiftEnd();
		outOfOffice = profile.outOfOffice();
		substitute = profile.substitute();
	}

	/** The current profile, in the normalised form {@link EmployeeProfile#normalised} produces. */
	EmployeeProfile profile() {
		return new EmployeeProfile(displayName, team, department, Collections.unmodifiableMap(new TreeMap<>(skills)),
				Collections.unmodifiableMap(new TreeMap<>(channelCapacity)), totalCapacity, shiftEnd, outOfOffice, substitute);
	}

	/** History entries recorded since the last call; the service persists them with the employee. */
	List<PresenceHistoryEntry> drainNewHistory() {
		List<PresenceHistoryEntry> drained = List.copyOf(newHistory);
		newHistory.clear();
		return drained;
	}

	/** Events registered and not yet published. */
	List<Object> pendingEvents() {
		return List.copyOf(domainEvents());
	}

	void discardPendingEvents() {
		clearDomainEvents();
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		isNew = false;
	}

	@Override
	public String getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	public PresenceState presence() {
		return presence;
	}

	public String reason() {
		return reason;
	}

	public long version() {
		return version;
	}

	public EmployeeSnapshot snapshot() {
		return new EmployeeSnapshot(id, displayName, team, department, Collections.unmodifiableMap(new TreeMap<>(skills)),
				Collections.unmodifiableMap(new TreeMap<>(channelCapacity)), totalCapacity, shiftEnd, presence, reason,
				presenceSince, outOfOffice, substitute, version);
	}

}
