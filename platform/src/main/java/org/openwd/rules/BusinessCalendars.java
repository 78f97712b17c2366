package org.openwd.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Business time of the calendars in force now (held in memory; a saved change applies to the next call). */
public interface BusinessCalendars {

	/**
	 * The instant {@code businessDuration} of open hours after {@code start} in the named calendar (see
	 * docs/business-calendars.md); empty when no such calendar exists.
	 */
	Optional<Instant> plus(String calendar, Instant start, Duration businessDuration);

}
