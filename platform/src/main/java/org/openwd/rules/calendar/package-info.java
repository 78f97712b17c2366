/**
 * Business calendars in plain Java (no Spring, no JPA, no clock: time is passed in).
 * <p>
 * A {@link org.openwd.rules.calendar.CalendarDefinition} is the editable, JSON-friendly data with its validation;
 * {@link org.openwd.rules.calendar.BusinessCalendar} adds and measures business time over it, exactly across holidays,
 * night shifts and daylight-saving changes. The semantics are documented in {@code docs/business-calendars.md}.
 */
package org.openwd.rules.calendar;
