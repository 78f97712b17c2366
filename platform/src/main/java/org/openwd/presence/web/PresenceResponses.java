package org.openwd.presence.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.PresenceState;
import org.openwd.presence.internal.PresenceHistoryEntry;

/** Response bodies of the presence API. */
final class PresenceResponses {

	private PresenceResponses() {
	}

	record EmployeeResponse(String id, String displayName, String team, String department, Map<String, Integer> skills,
			Map<String, Integer> channelCapacity, int totalCapacity, Instant shiftEnd, PresenceState presence, String reason,
			Instant presenceSince, boolean outOfOffice, String substitute, long version) {

		static EmployeeResponse of(EmployeeSnapshot e) {
			return new EmployeeResponse(e.id(), e.displayName(), e.team(), e.department(), e.skills(), e.channelCapacity(),
					e.totalCapacity(), e.shiftEnd(), e.presence(), e.reason(), e.presenceSince(), e.outOfOffice(), e.substitute(),
					e.version());
		}

	}

	record EmployeePage(List<EmployeeResponse> items, int page, int size, long totalElements, int totalPages) {
	}

	/**
	 * One presence change.
	 * @param seq position in the employee's history (1, 2, ...)
	 * @param reason the NOT_READY reason code, or a note on why (e.g. {@code connection-lost})
	 * @param actor who changed it: the employee, a supervisor, or {@code system}
	 */
	record PresenceHistoryItem(int seq, Instant at, PresenceState from, PresenceState to, String reason, String actor) {

		static PresenceHistoryItem of(PresenceHistoryEntry entry) {
			return new PresenceHistoryItem(entry.seq(), entry.at(), entry.fromState(), entry.toState(), entry.reason(), entry.actor());
		}

	}

	record PresenceReasonCodes(List<String> reasons) {
	}

}
