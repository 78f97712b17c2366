package org.openwd.presence;

import java.time.Instant;
import java.util.Map;

/**
 * What other modules know of an employee.
 *
 * @param id the login name (the identity provider's user name)
 * @param displayName name shown to supervisors
 * @param team team (unit of lending/borrowing)
 * @param department department
 * @param skills skill name (lower case) to proficiency 0-10
 * @param channelCapacity most tasks at once per channel, e.g. {@code case=1, email=3}; a channel not listed allows 0
 * @param totalCapacity most tasks at once over all channels
 * @param shiftEnd when the current shift ends, or {@code null}
 * @param presence current presence
 * @param reason the NOT_READY reason code, or {@code null}
 * @param presenceSince when the current presence began
 * @param outOfOffice away (personal work goes to the substitute)
 * @param substitute who takes personal work while away, or {@code null}
 * @param version changes with every update
 */
public record EmployeeSnapshot(String id, String displayName, String team, String department, Map<String, Integer> skills,
		Map<String, Integer> channelCapacity, int totalCapacity, Instant shiftEnd, PresenceState presence, String reason,
		Instant presenceSince, boolean outOfOffice, String substitute, long version) {
}
