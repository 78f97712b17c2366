package org.openwd.rules.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Opening hours on one local day, from {@code start} (inclusive) to {@code end} (exclusive), in wall-clock time.
 * <p>
 * {@code end} must be after {@code start}. An {@code end} of {@link LocalTime#MAX} ("23:59:59.999999999" in JSON) means
 * the end of the day: the range then closes at the following midnight, so {@code 22:00-24:00} on one day and
 * {@code 00:00-06:00} on the next form one unbroken night shift. {@link #of(String, String)} and {@link #parse(String)}
 * accept {@code "24:00"} as a friendlier spelling of that. Checked by {@link CalendarDefinition#problems()}, not here, so
 * that a definition bound from JSON can report every problem at once.
 */
public record TimeRange(LocalTime start, LocalTime end) {

	/** The end of a range that closes at midnight at the end of its day. */
	public static final LocalTime END_OF_DAY = LocalTime.MAX;

	/** {@code 00:00-24:00}: open the whole day. */
	public static final TimeRange WHOLE_DAY = new TimeRange(LocalTime.MIDNIGHT, END_OF_DAY);

	/**
	 * A range from two ISO local times such as {@code "09:00"} and {@code "17:30"}; an end of {@code "24:00"} means
	 * {@link #END_OF_DAY}.
	 * @throws DateTimeParseException if a time cannot be parsed
	 */
	public static TimeRange of(String start, String end) {
		return new TimeRange(LocalTime.parse(start), "24:00".equals(end) ? END_OF_DAY : LocalTime.parse(end));
	}

	/**
	 * A range written as {@code "09:00-17:00"} (or {@code "22:00-24:00"}).
	 * @throws IllegalArgumentException if the text has no single {@code '-'} between the two times
	 * @throws DateTimeParseException if a time cannot be parsed
	 */
	public static TimeRange parse(String text) {
		String[] parts = text.split("-", -1);
		if (parts.length != 2) {
			throw new IllegalArgumentException("time range must look like 09:00-17:00, was '" + text + "'");
		}
		return of(parts[0].trim(), parts[1].trim());
	}

	/** Whether this range lasts until midnight at the end of its day. */
	public boolean endsAtMidnight() {
		return END_OF_DAY.equals(end);
	}

	/** {@code 09:00-17:00}, with {@code 24:00} for {@link #END_OF_DAY}. */
	@Override
	public String toString() {
		return start + "-" + (endsAtMidnight() ? "24:00" : String.valueOf(end));
	}

}
