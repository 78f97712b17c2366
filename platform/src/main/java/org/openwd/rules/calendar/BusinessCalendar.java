package org.openwd.rules.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Business-time arithmetic over a valid {@link CalendarDefinition}: when does "4 business hours" after an instant end, how
 * much business time lies between two instants, is the calendar open now.
 * <p>
 * <b>Semantics.</b> The calendar is open at an instant when that instant's wall-clock time in the calendar's zone falls
 * inside one of the opening ranges of its local date (the date's exception if it has one, closed if it is a holiday, the
 * weekday's hours otherwise). Business time is the real elapsed time during which the calendar is open. So across a
 * daylight-saving change a range counts the time that really passes: on a spring-forward day a local range lying in the
 * skipped hour does not exist and {@code 01:00-04:00} lasts two hours; on a fall-back day the repeated hour counts twice
 * and {@code 01:00-04:00} lasts four. A range ending at {@link TimeRange#END_OF_DAY} closes at the following midnight,
 * so hours past midnight continue without a gap on the next day.
 * <p>
 * Immutable and thread-safe. Every method is exact to the nanosecond and walks the calendar one opening range at a time
 * (never minute by minute); a search for the next opening gives up after {@value #SEARCH_YEARS} years without any.
 */
public final class BusinessCalendar {

	/** How far ahead a search for the next opening looks before deciding there is none. */
	public static final int SEARCH_YEARS = 10;

	private static final Duration SEARCH_HORIZON = Duration.ofDays(SEARCH_YEARS * 366L);

	private static final long SECONDS_PER_DAY = 86_400;

	private static final long NANOS_PER_DAY = SECONDS_PER_DAY * 1_000_000_000L;

	private static final Span[] CLOSED = {};

	private static final long NO_MORE_DAYS = Long.MAX_VALUE;

	private final CalendarDefinition definition;

	private final ZoneId zone;

	private final ZoneRules rules;

	/** Opening spans per weekday, indexed by {@code DayOfWeek.ordinal()}. */
	private final Span[][] weekly = new Span[7][];

	/** Holidays (closed) and exceptions, by local epoch day. */
	private final NavigableMap<Long, Span[]> specialDays = new TreeMap<>();

	/** Epoch days of exceptions with hours; the only days that can open when no weekday has hours. */
	private final TreeSet<Long> openSpecialDays = new TreeSet<>();

	private final boolean weekdaysAllClosed;

	private BusinessCalendar(CalendarDefinition definition) {
		this.definition = definition;
		this.zone = ZoneId.of(definition.zone());
		this.rules = zone.getRules();
		boolean allClosed = true;
		for (DayOfWeek day : DayOfWeek.values()) {
			Span[] spans = spans(definition.weeklyHours().getOrDefault(day, List.of()));
			weekly[day.ordinal()] = spans;
			allClosed &= spans.length == 0;
		}
		this.weekdaysAllClosed = allClosed;
		for (LocalDate holiday : definition.holidays()) {
			specialDays.put(holiday.toEpochDay(), CLOSED);
		}
		for (DateException exception : definition.exceptions()) {
			Span[] spans = spans(exception.hours());
			specialDays.put(exception.date().toEpochDay(), spans);
			if (spans.length > 0) {
				openSpecialDays.add(exception.date().toEpochDay());
			}
		}
	}

	/**
	 * A calendar computing with {@code definition}.
	 * @throws IllegalArgumentException listing {@link CalendarDefinition#problems()} if the definition is not valid
	 */
	public static BusinessCalendar of(CalendarDefinition definition) {
		Objects.requireNonNull(definition, "definition");
		List<String> problems = definition.problems();
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("invalid business calendar '" + definition.name() + "': "
					+ String.join("; ", problems));
		}
		return new BusinessCalendar(definition);
	}

	public String name() {
		return definition.name();
	}

	public ZoneId zone() {
		return zone;
	}

	/** The definition this calendar was built from. */
	public CalendarDefinition definition() {
		return definition;
	}

	/** The opening hours that apply on {@code date}, sorted, with touching ranges joined; empty when closed. */
	public List<TimeRange> hoursOn(LocalDate date) {
		List<TimeRange> hours = new ArrayList<>();
		for (Span span : spansOn(date.toEpochDay())) {
			hours.add(new TimeRange(LocalTime.ofNanoOfDay(span.start()),
					span.end() == NANOS_PER_DAY ? TimeRange.END_OF_DAY : LocalTime.ofNanoOfDay(span.end())));
		}
		return List.copyOf(hours);
	}

	/** Whether the calendar is open at {@code instant}. Ranges include their start and exclude their end. */
	public boolean isOpen(Instant instant) {
		long localSecond = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
		long nanoOfDay = Math.floorMod(localSecond, SECONDS_PER_DAY) * 1_000_000_000L + instant.getNano();
		for (Span span : spansOn(Math.floorDiv(localSecond, SECONDS_PER_DAY))) {
			if (span.start() <= nanoOfDay && nanoOfDay < span.end()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first instant at or after {@code instant} at which the calendar is open: {@code instant} itself when it is open.
	 * Empty when the calendar does not open within {@value #SEARCH_YEARS} years.
	 */
	public Optional<Instant> nextOpening(Instant instant) {
		Interval open = new Openings(instant).next(limit(instant));
		return open == null ? Optional.empty() : Optional.of(open.start());
	}

	/**
	 * The first instant at or after {@code instant} at which the calendar is closed: {@code instant} itself when it is
	 * closed, otherwise the end of the opening it is in (ranges that touch, also across midnight, count as one opening).
	 * Empty when the calendar stays open for the next {@value #SEARCH_YEARS} years.
	 */
	public Optional<Instant> nextClosing(Instant instant) {
		Instant limit = limit(instant);
		Openings openings = new Openings(instant);
		Interval open = openings.next(limit);
		if (open == null || open.start().isAfter(instant)) {
			return Optional.of(instant);
		}
		Instant closing = open.end();
		while (closing.isBefore(limit)) {
			Interval following = openings.next(limit);
			if (following == null || following.start().isAfter(closing)) {
				return Optional.of(closing);
			}
			closing = following.end();
		}
		return Optional.empty();
	}

	/**
	 * The instant at which {@code businessDuration} of business time has passed after {@code start}. Counting begins at
	 * {@code start} if the calendar is open then, otherwise at its next opening. A duration that ends exactly at a closing
	 * gives that closing (8 business hours from Monday 09:00 in a 9-to-5 calendar end Monday 17:00, not Tuesday 09:00). A
	 * zero duration gives {@code start} unchanged, even when the calendar is closed at {@code start}.
	 * @throws IllegalArgumentException if the duration is negative
	 * @throws IllegalStateException if the calendar does not open for {@value #SEARCH_YEARS} years while business time
	 * is still to be added
	 */
	public Instant plus(Instant start, Duration businessDuration) {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(businessDuration, "businessDuration");
		if (businessDuration.isNegative()) {
			throw new IllegalArgumentException("business duration must not be negative, was " + businessDuration);
		}
		Duration remaining = businessDuration;
		if (remaining.isZero()) {
			return start;
		}
		Openings openings = new Openings(start);
		while (true) {
			Instant searchFrom = openings.position();
			Interval open = openings.next(limit(searchFrom));
			if (open == null) {
				throw new IllegalStateException("business calendar '" + name() + "' has no opening hours within "
						+ SEARCH_YEARS + " years after " + searchFrom + " (" + remaining + " of business time left to add)");
			}
			Duration available = Duration.between(open.start(), open.end());
			if (remaining.compareTo(available) <= 0) {
				return open.start().plus(remaining);
			}
			remaining = remaining.minus(available);
		}
	}

	/** The business time elapsed from {@code from} (inclusive) to {@code to} (exclusive); zero unless {@code to} is later. */
	public Duration between(Instant from, Instant to) {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Duration total = Duration.ZERO;
		if (!to.isAfter(from)) {
			return total;
		}
		Openings openings = new Openings(from);
		for (Interval open = openings.next(to); open != null; open = openings.next(to)) {
			total = total.plus(Duration.between(open.start(), open.end()));
		}
		return total;
	}

	@Override
	public String toString() {
		return "BusinessCalendar[" + name() + ", " + zone + "]";
	}

	private static Instant limit(Instant from) {
		return from.isAfter(Instant.MAX.minus(SEARCH_HORIZON)) ? Instant.MAX : from.plus(SEARCH_HORIZON);
	}

	private Span[] spansOn(long epochDay) {
		Span[] special = specialDays.isEmpty() ? null : specialDays.get(epochDay);
		if (special != null) {
			return special;
		}
		// 1970-01-01, epoch day 0, was a Thursday
		return weekly[(int) Math.floorMod(epochDay + DayOfWeek.THURSDAY.ordinal(), 7L)];
	}

	private long dayAfter(long epochDay) {
		if (!weekdaysAllClosed) {
			return epochDay + 1;
		}
		Long next = openSpecialDays.higher(epochDay);
		return next == null ? NO_MORE_DAYS : next;
	}

	/** Sorted spans in nanoseconds of the day, touching ones joined; an end of the day becomes the following midnight. */
	private static Span[] spans(List<TimeRange> ranges) {
		List<TimeRange> sorted = new ArrayList<>(ranges);
		sorted.sort(Comparator.comparing(TimeRange::start));
		List<Span> spans = new ArrayList<>();
		for (TimeRange range : sorted) {
			long start = range.start().toNanoOfDay();
			long end = range.endsAtMidnight() ? NANOS_PER_DAY : range.end().toNanoOfDay();
			int last = spans.size() - 1;
			if (last >= 0 && spans.get(last).end() == start) {
				spans.set(last, new Span(spans.get(last).start(), end));
			}
			else {
				spans.add(new Span(start, end));
			}
		}
		return spans.toArray(CLOSED);
	}

	/** Part of a local day, in nanoseconds since its midnight. */
	private record Span(long start, long end) {
	}

	/** A stretch of real time during which the calendar is open. */
	private record Interval(Instant start, Instant end) {
	}

	/**
	 * Walks the open intervals in time order from a starting instant. Real time is cut into segments between offset
	 * transitions of the zone; inside a segment wall-clock time is real time shifted by a constant offset, so a local
	 * opening range maps to real time by subtracting that offset, clipped to the segment. Local instants here are
	 * {@link Instant}s on a UTC-like local time line.
	 */
	private final class Openings {

		private Instant position;

		/** Offset of the current segment; {@code null} when it must be looked up for the position. */
		private ZoneOffset offset;

		/** Where the current segment ends; {@code null} when the zone never changes offset again. */
		private Instant transition;

		/** Local epoch day being scanned. */
		private long day;

		Openings(Instant from) {
			this.position = from;
		}

		Instant position() {
			return position;
		}

		/**
		 * The next open interval after the part already walked, starting before {@code limit} and cut off there;
		 * {@code null} if the calendar does not open before {@code limit}.
		 */
		Interval next(Instant limit) {
			while (position.isBefore(limit)) {
				if (offset == null || (transition != null && !position.isBefore(transition))) {
					enterSegment();
				}
				Instant segmentEnd = transition == null || limit.isBefore(transition) ? limit : transition;
				long shift = offset.getTotalSeconds();
				Interval local = scan(position.plusSeconds(shift), segmentEnd.plusSeconds(shift));
				if (local != null) {
					position = local.end().minusSeconds(shift);
					return new Interval(local.start().minusSeconds(shift), position);
				}
				position = segmentEnd;
			}
			return null;
		}

		private void enterSegment() {
			offset = rules.getOffset(position);
			ZoneOffsetTransition next = rules.nextTransition(position);
			transition = next == null ? null : next.getInstant();
			day = Math.floorDiv(position.getEpochSecond() + offset.getTotalSeconds(), SECONDS_PER_DAY);
		}

		/** The first opening on the local time line within [from, to), clipped to it. */
		private Interval scan(Instant from, Instant to) {
			while (day != NO_MORE_DAYS) {
				Instant midnight = Instant.ofEpochSecond(day * SECONDS_PER_DAY);
				if (!midnight.isBefore(to)) {
					return null;
				}
				for (Span span : spansOn(day)) {
					Instant end = midnight.plusNanos(span.end());
					if (!end.isAfter(from)) {
						continue;
					}
					Instant start = midnight.plusNanos(span.start());
					if (!start.isBefore(to)) {
						return null;
					}
					return new Interval(start.isAfter(from) ? start : from, end.isBefore(to) ? end : to);
				}
				day = dayAfter(day);
			}
			return null;
		}

	}

}
