package org.openwd.presence;

import java.time.Instant;

/**
 * An employee's presence changed (recorded in the presence history for adherence reporting).
 *
 * @param employeeId the employee
 * @param from previous presence
 * @param to new presence
 * @param reason NOT_READY reason code, or why it changed (e.g. {@code connection-lost})
 * @param at when
 * @param actor who changed it (the employee, a supervisor, or {@code system})
 */
public record PresenceChanged(String employeeId, PresenceState from, PresenceState to, String reason, Instant at,
		String actor) {
}
