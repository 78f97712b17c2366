package org.openwd.rules;

import java.util.Optional;

import org.openwd.rules.calendar.BusinessCalendar;

/** The business calendars in force now (held in memory; a saved change applies to the next read). */
public interface BusinessCalendars {

	Optional<BusinessCalendar> findCalendar(String name);

}
