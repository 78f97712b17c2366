package org.openwd.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.openwd.presence.EmployeeChanged;
import org.openwd.presence.PresenceChanged;
import org.openwd.presence.PresenceState;

/** The employee aggregate: each presence verb records one history entry and one event, or nothing when nothing changes. */
class EmployeeTests {

	static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	static final EmployeeProfile PROFILE = new EmployeeProfile("Ann", "claims-a", "claims", Map.of("claims", 9),
			Map.of("case", 1, "email", 3), 3, null, false, null).normalised("ann");

	@Test
	void aNewEmployeeIsOfflineAndAnnouncedAsChanged() {
		Employee ann = Employee.create("ann", PROFILE, NOW, "admin");
		assertThat(ann.snapshot().presence()).isEqualTo(PresenceState.OFFLINE);
		assertThat(ann.snapshot().presenceSince()).isEqualTo(NOW);
		assertThat(ann.snapshot().skills()).containsExactly(Map.entry("claims", 9));
		assertThat(ann.pendingEvents()).containsExactly(new EmployeeChanged("ann", NOW, "admin"));
		assertThat(ann.drainNewHistory()).isEmpty();
	}

	@Test
	void everyPresenceChangeAppendsOneHistoryEntryAndOneEvent() {
		Employee ann = employee();
		Instant later = NOW.plusSeconds(60);
		assertThat(ann.goReady("login", NOW, "ann")).isTrue();
		assertThat(ann.goNotReady("lunch", later, "ann")).isTrue();
		assertThat(ann.goNotReady("meeting", later, "sue")).isTrue();
		assertThat(ann.goOffline(null, later, "ann")).isTrue();

		List<PresenceHistoryEntry> history = ann.drainNewHistory();
		assertThat(history).extracting(PresenceHistoryEntry::seq).containsExactly(1, 2, 3, 4);
		assertThat(history).extracting(PresenceHistoryEntry::fromState).containsExactly(PresenceState.OFFLINE,
				PresenceState.READY, PresenceState.NOT_READY, PresenceState.NOT_READY);
		assertThat(history).extracting(PresenceHistoryEntry::toState).containsExactly(PresenceState.READY,
				PresenceState.NOT_READY, PresenceState.NOT_READY, PresenceState.OFFLINE);
		assertThat(history).extracting(PresenceHistoryEntry::reason).containsExactly("login", "lunch", "meeting", null);
		assertThat(history).extracting(PresenceHistoryEntry::actor).containsExactly("ann", "ann", "sue", "ann");
		assertThat(ann.pendingEvents()).containsExactly(
				new PresenceChanged("ann", PresenceState.OFFLINE, PresenceState.READY, "login", NOW, "ann"),
				new PresenceChanged("ann", PresenceState.READY, PresenceState.NOT_READY, "lunch", later, "ann"),
				new PresenceChanged("ann", PresenceState.NOT_READY, PresenceState.NOT_READY, "meeting", later, "sue"),
				new PresenceChanged("ann", PresenceState.NOT_READY, PresenceState.OFFLINE, null, later, "ann"));
	}

	@Test
	void theNotReadyReasonIsKeptOnlyWhileNotReady() {
		Employee ann = employee();
		ann.goNotReady("break", NOW, "ann");
		assertThat(ann.snapshot().reason()).isEqualTo("break");
		ann.goReady(null, NOW.plusSeconds(1), "ann");
		assertThat(ann.snapshot().reason()).isNull();
		assertThat(ann.snapshot().presenceSince()).isEqualTo(NOW.plusSeconds(1));
	}

	@Test
	void askingForTheCurrentPresenceRecordsNothing() {
		Employee ann = employee();
		assertThat(ann.goOffline("logout", NOW, "ann")).isFalse();
		ann.goNotReady("lunch", NOW, "ann");
		ann.drainNewHistory();
		ann.discardPendingEvents();
		assertThat(ann.goNotReady("lunch", NOW.plusSeconds(5), "ann")).isFalse();
		assertThat(ann.drainNewHistory()).isEmpty();
		assertThat(ann.pendingEvents()).isEmpty();
		assertThat(ann.snapshot().presenceSince()).isEqualTo(NOW);
	}

	@Test
	void notReadyWithoutAReasonIsRefused() {
		assertThatThrownBy(() -> employee().goNotReady(" ", NOW, "ann")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("reason");
	}

	@Test
	void aProfileEditIsAnnouncedOnlyWhenSomethingChanged() {
		Employee ann = employee();
		assertThat(ann.updateProfile(PROFILE, NOW, "admin")).isFalse();
		assertThat(ann.pendingEvents()).isEmpty();
		EmployeeProfile moreSkills = new EmployeeProfile("Ann", "claims-a", "claims", Map.of("claims", 9, "billing", 4),
				Map.of("case", 1, "email", 3), 3, null, false, null).normalised("ann");
		assertThat(ann.updateProfile(moreSkills, NOW, "sue")).isTrue();
		assertThat(ann.pendingEvents()).containsExactly(new EmployeeChanged("ann", NOW, "sue"));
		assertThat(ann.snapshot().skills()).containsEntry("billing", 4);
		assertThat(ann.snapshot().presence()).isEqualTo(PresenceState.OFFLINE);
	}

	private static Employee employee() {
		Employee employee = Employee.create("ann", PROFILE, NOW, "admin");
		employee.discardPendingEvents();
		return employee;
	}

}
