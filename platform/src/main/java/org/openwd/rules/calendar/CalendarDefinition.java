package org.openwd.rules.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A business calendar as process owners write it: opening hours per weekday in a time zone, holidays, and dates with
 * special hours. Plain data that binds from and to JSON; {@link #problems()} says what is wrong with it, and
 * {@link BusinessCalendar#of(CalendarDefinition)} turns a valid one into something that computes.
 * <p>
 * Missing collections are read as empty. The collections are copied and unmodifiable; they may hold {@code null}
 * elements so that {@link #problems()} can report them with their position rather than failing on construction.
 *
 * @param name what the calendar is called, referenced by routing profiles
 * @param zone IANA time zone id such as {@code Europe/Berlin}; all hours are wall-clock times in this zone
 * @param weeklyHours opening hours per weekday; a day that is missing or has an empty list is closed
 * @param holidays dates closed all day
 * @param exceptions dates whose hours replace the weekday's usual hours
 */
public record CalendarDefinition(String name, String zone, Map<DayOfWeek, List<TimeRange>> weeklyHours,
		List<LocalDate> holidays, List<DateException> exceptions) {

	private static final List<DayOfWeek> MONDAY_TO_FRIDAY = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
			DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

	public CalendarDefinition {
		weeklyHours = copy(weeklyHours);
		holidays = holidays == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(holidays));
		exceptions = exceptions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(exceptions));
	}

	/** Open around the clock every day, in UTC. Adding business time to it is plain duration addition. */
	public static CalendarDefinition twentyFourSeven(String name) {
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, List.of(TimeRange.WHOLE_DAY));
		}
		return new CalendarDefinition(name, "UTC", hours, List.of(), List.of());
	}

	/** Monday to Friday, 09:00 to 17:00 in {@code zone}, without holidays. */
	public static CalendarDefinition standard(String name, String zone) {
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : MONDAY_TO_FRIDAY) {
			hours.put(day, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(17, 0))));
		}
		return new CalendarDefinition(name, zone, hours, List.of(), List.of());
	}

	/** A copy in another time zone. */
	public CalendarDefinition withZone(String zone) {
		return new CalendarDefinition(name, zone, weeklyHours, holidays, exceptions);
	}

	/** A copy whose hours on {@code day} are {@code hours} (none: closed that weekday). */
	public CalendarDefinition withHours(DayOfWeek day, TimeRange... hours) {
		Map<DayOfWeek, List<TimeRange>> changed = new LinkedHashMap<>(weeklyHours);
		changed.put(day, Arrays.asList(hours));
		return new CalendarDefinition(name, zone, changed, holidays, exceptions);
	}

	/** A copy with these holidays instead of the current ones. */
	public CalendarDefinition withHolidays(LocalDate... holidays) {
		return new CalendarDefinition(name, zone, weeklyHours, Arrays.asList(holidays), exceptions);
	}

	/** A copy with these exceptions instead of the current ones. */
	public CalendarDefinition withExceptions(DateException... exceptions) {
		return new CalendarDefinition(name, zone, weeklyHours, holidays, Arrays.asList(exceptions));
	}

	/**
	 * What is wrong with this definition, one human-readable message per problem, each starting with the path of the
	 * offending field (for example {@code weeklyHours.MONDAY[1]: end must be after start (13:00-12:00)}). Empty when the
	 * definition is valid. A calendar without any opening hours is valid; it simply never opens.
	 */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (name == null || name.isBlank()) {
			problems.add("name: must not be blank");
		}
		if (zone == null || zone.isBlank()) {
			problems.add("zone: must not be blank");
		}
		else {
			try {
				ZoneId.of(zone);
			}
			catch (DateTimeException ex) {
				problems.add("zone: unknown time zone '" + zone + "', expected an IANA id such as Europe/Berlin");
			}
		}
		if (weeklyHours.containsKey(null)) {
			problems.add("weeklyHours: a weekday must not be null");
		}
		for (DayOfWeek day : DayOfWeek.values()) {
			if (weeklyHours.containsKey(day)) {
				checkRanges("weeklyHours." + day, weeklyHours.get(day), problems);
			}
		}
		Map<LocalDate, Integer> holidayIndex = new HashMap<>();
		for (int i = 0; i < holidays.size(); i++) {
			LocalDate holiday = holidays.get(i);
			if (holiday == null) {
				problems.add("holidays[" + i + "]: must not be null");
			}
			else {
				holidayIndex.putIfAbsent(holiday, i);
			}
		}
		Map<LocalDate, Integer> exceptionIndex = new HashMap<>();
		for (int i = 0; i < exceptions.size(); i++) {
			String path = "exceptions[" + i + "]";
			DateException exception = exceptions.get(i);
			if (exception == null) {
				problems.add(path + ": must not be null");
				continue;
			}
			LocalDate date = exception.date();
			if (date == null) {
				problems.add(path + ".date: must not be null");
			}
			else if (exceptionIndex.containsKey(date)) {
				problems.add(path + ".date: " + date + " already has special hours in exceptions["
						+ exceptionIndex.get(date) + "]");
			}
			else {
				exceptionIndex.put(date, i);
				if (holidayIndex.containsKey(date)) {
					problems.add(path + ".date: " + date + " is also a holiday (holidays[" + holidayIndex.get(date)
							+ "]); keep one of them");
				}
			}
			checkRanges(path + ".hours", exception.hours(), problems);
		}
		return List.copyOf(problems);
	}

	private static void checkRanges(String path, List<TimeRange> ranges, List<String> problems) {
		if (ranges == null) {
			problems.add(path + ": must not be null (use [] for a closed day)");
			return;
		}
		List<Integer> valid = new ArrayList<>();
		for (int i = 0; i < ranges.size(); i++) {
			String at = path + "[" + i + "]";
			TimeRange range = ranges.get(i);
			if (range == null) {
				problems.add(at + ": must not be null");
				continue;
			}
			if (range.start() == null) {
				problems.add(at + ".start: must not be null");
			}
			if (range.end() == null) {
				problems.add(at + ".end: must not be null (use 23:59:59.999999999 for the end of the day)");
			}
			if (range.start() == null || range.end() == null) {
				continue;
			}
			if (!range.end().isAfter(range.start())) {
				problems.add(at + ": end must be after start (" + range.start() + "-" + range.end() + ")"
						+ endBeforeStartHint(range));
				continue;
			}
			for (int j : valid) {
				TimeRange other = ranges.get(j);
				if (range.start().isBefore(other.end()) && other.start().isBefore(range.end())) {
					problems.add(at + ": " + range + " overlaps " + path + "[" + j + "] " + other);
				}
			}
			valid.add(i);
		}
	}

	private static String endBeforeStartHint(TimeRange range) {
		if (range.end().equals(LocalTime.MIDNIGHT)) {
			return "; write the end of the day as 23:59:59.999999999";
		}
		if (range.end().isBefore(range.start())) {
			return "; split hours past midnight into " + range.start()
					+ "-23:59:59.999999999 and 00:00-" + range.end() + " on the next day";
		}
		return "";
	}

	private static Map<DayOfWeek, List<TimeRange>> copy(Map<DayOfWeek, List<TimeRange>> weeklyHours) {
		if (weeklyHours == null) {
			// unlike Map.of(), answers containsKey(null)
			return Collections.emptyMap();
		}
		Map<DayOfWeek, List<TimeRange>> copy = new LinkedHashMap<>();
		weeklyHours.forEach((day, ranges) -> copy.put(day,
				ranges == null ? null : Collections.unmodifiableList(new ArrayList<>(ranges))));
		return Collections.unmodifiableMap(copy);
	}

}
