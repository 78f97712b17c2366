package org.openwd.rules.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Special opening hours on one local date, such as a short Christmas Eve or an extra Saturday. They replace the weekday's
 * usual hours on that date; an empty list closes the date.
 */
public record DateException(LocalDate date, List<TimeRange> hours) {

	public DateException {
		hours = hours == null ? null : Collections.unmodifiableList(new ArrayList<>(hours));
	}

	/** Closed all day on {@code date}, whatever the weekday's usual hours. */
	public static DateException closed(LocalDate date) {
		return new DateException(date, List.of());
	}

	/** Open only during {@code hours} on {@code date}. */
	public static DateException open(LocalDate date, TimeRange... hours) {
		return new DateException(date, Arrays.asList(hours));
	}

}
