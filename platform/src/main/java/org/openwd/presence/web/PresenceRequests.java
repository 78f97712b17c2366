package org.openwd.presence.web;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.openwd.presence.PresenceState;
import org.openwd.presence.internal.EmployeeProfile;

/** Request bodies of the presence API. Unknown JSON fields are refused so typos do not pass silently. */
final class PresenceRequests {

	private PresenceRequests() {
	}

	@Schema(description = "A presence change")
	record PresenceChange(
			@Schema(description = "READY, NOT_READY or OFFLINE (BUSY is derived from capacity, never set)") @NotNull PresenceState state,
			@Schema(description = "NOT_READY: a reason code (see GET /api/v1/presence/reasons); otherwise an optional note "
					+ "recorded in the history", example = "lunch") @Size(max = 100) String reason) {
	}

	/** Checked field by field by {@link EmployeeProfile#problems}, so one answer names every offending field. */
	@Schema(description = "An employee's profile. Saving replaces all of it: a field left out takes its default.")
	record ProfileUpdate(
			@Schema(description = "Name shown to supervisors; defaults to the id", example = "Ann Smith", maxLength = 200) String displayName,
			@Schema(example = "claims-a", maxLength = 100) String team,
			@Schema(example = "claims", maxLength = 100) String department,
			@Schema(description = "Skill name (stored in lower case) to proficiency 0-10", example = "{\"claims\": 9, \"billing\": 5}") Map<String, Integer> skills,
			@Schema(description = "Channel to the most tasks at once (0 or more); a channel not listed allows none", example = "{\"case\": 1, \"email\": 3}") Map<String, Integer> channelCapacity,
			@Schema(description = "Most tasks at once over all channels; defaults to the sum of channelCapacity", example = "3") Integer totalCapacity,
			@Schema(description = "When the current shift ends") Instant shiftEnd,
			@Schema(description = "Away: personal work goes to the substitute") Boolean outOfOffice,
			@Schema(description = "Id of another employee who takes personal work while this one is away", maxLength = 100) String substitute) {

		EmployeeProfile toProfile() {
			return new EmployeeProfile(displayName, team, department, skills, channelCapacity, totalCapacity, shiftEnd,
					Boolean.TRUE.equals(outOfOffice), substitute);
		}

	}

}
