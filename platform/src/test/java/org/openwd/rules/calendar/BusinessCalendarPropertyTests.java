package org.openwd.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Laws that hold for any calendar, checked on randomly generated calendars, starts and durations. The seed is fixed so a
 * failure reproduces; the failing case is in the assertion message.
 */
class BusinessCalendarPropertyTests {

	/** Zones with ordinary DST, half-hour DST, DST changes at midnight, no DST and an odd fixed offset. */
	static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
			"America/Havana", "America/Santiago", "Asia/Tokyo", "Asia/Kathmandu", "UTC");

	static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

	static final long WINDOW_SECONDS = Duration.ofDays(2 * 366).toSeconds();

	final Random random = new Random(20260329L);

	@Test
	void betweenMeasuresExactlyTheBusinessTimeThatPlusAdded() {
		for (int i = 0; i < 4000; i++) {
			BusinessCalendar calendar = randomCalendar();
			Instant start = randomInstant(calendar);
			Duration duration = randomDuration();

			Instant due = calendar.plus(start, duration);

			assertThat(calendar.between(start, due)).as("%s from %s plus %s = %s", calendar.definition(), start, duration, due)
				.isEqualTo(duration);
		}
	}

	@Test
	void addingInTwoStepsEndsWhereAddingAtOnceEnds() {
		for (int i = 0; i < 2000; i++) {
			BusinessCalendar calendar = randomCalendar();
			Instant start = randomInstant(calendar);
			Duration first = randomDuration();
			Duration second = randomDuration();

			assertThat(calendar.plus(calendar.plus(start, first), second))
				.as("%s from %s plus %s then %s", calendar.definition(), start, first, second)
				.isEqualTo(calendar.plus(start, first.plus(second)));
		}
	}

	@Test
	void theCalendarIsOpenJustBeforeEveryDueTime() {
		for (int i = 0; i < 2000; i++) {
			BusinessCalendar calendar = randomCalendar();
			Instant start = randomInstant(calendar);
			Duration duration = randomDuration().plusNanos(1);

			Instant due = calendar.plus(start, duration);

			assertThat(calendar.isOpen(due.minusNanos(1))).as("%s from %s plus %s = %s", calendar.definition(), start,
					duration, due)
				.isTrue();
		}
	}

	@Test
	void nextOpeningAndNextClosingAgreeWithIsOpen() {
		for (int i = 0; i < 2000; i++) {
			BusinessCalendar calendar = randomCalendar();
			Instant t = randomInstant(calendar);
			String description = calendar.definition() + " at " + t;

			Instant opening = calendar.nextOpening(t).orElseThrow();
			Instant closing = calendar.nextClosing(t).orElseThrow();

			assertThat(calendar.isOpen(opening)).as(description).isTrue();
			assertThat(calendar.between(t, opening)).as(description).isZero();
			assertThat(calendar.isOpen(closing)).as(description).isFalse();
			assertThat(calendar.between(t, closing)).as(description).isEqualTo(Duration.between(t, closing));
		}
	}

	@Test
	void betweenAgreesWithCountingOpenMinutesOneByOne() {
		// calendars, zones and offset changes all fall on whole minutes, so sampling every minute counts exactly
		for (int i = 0; i < 300; i++) {
			BusinessCalendar calendar = randomCalendar();
			Instant from = randomInstant(calendar).truncatedTo(ChronoUnit.MINUTES);
			Instant to = from.plus(Duration.ofMinutes(random.nextInt(2 * 24 * 60)));
			long openMinutes = 0;
			for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
				openMinutes += calendar.isOpen(minute) ? 1 : 0;
			}

			assertThat(calendar.between(from, to)).as("%s from %s to %s", calendar.definition(), from, to)
				.isEqualTo(Duration.ofMinutes(openMinutes));
		}
	}

	@Test
	void aTwentyFourSevenCalendarIsPlainDurationAdditionInAnyZone() {
		for (String zone : ZONES) {
			BusinessCalendar always = BusinessCalendar.of(CalendarDefinition.twentyFourSeven("always").withZone(zone));
			for (int i = 0; i < 300; i++) {
				Instant start = randomInstant(always);
				Duration duration = randomDuration();

				assertThat(always.plus(start, duration)).as("%s from %s plus %s", zone, start, duration)
					.isEqualTo(start.plus(duration));
				assertThat(always.between(start, start.plus(duration))).isEqualTo(duration);
			}
		}
	}

	/** Half of the instants lie within two days of an offset change of the calendar's zone, where mistakes hide. */
	Instant randomInstant(BusinessCalendar calendar) {
		Instant anywhere = FROM.plusSeconds((long) (random.nextDouble() * WINDOW_SECONDS))
			.plusNanos(random.nextInt(1_000_000_000));
		ZoneOffsetTransition change = calendar.zone().getRules().nextTransition(anywhere);
		if (random.nextBoolean() || change == null) {
			return anywhere;
		}
		return change.getInstant().plusSeconds(random.nextInt(4 * 86_400) - 2 * 86_400);
	}

	/** Zero up to about three working weeks, at minute, second or nanosecond precision. */
	Duration randomDuration() {
		long minutes = random.nextInt(10) == 0 ? 0 : random.nextInt(120 * 60);
		Duration duration = Duration.ofMinutes(minutes);
		return switch (random.nextInt(3)) {
			case 0 -> duration;
			case 1 -> duration.plusSeconds(random.nextInt(60));
			default -> duration.plusNanos(random.nextInt(1_000_000_000));
		};
	}

	/** Quarter-hour ranges on most weekdays, some ending at midnight, with a few holidays and exceptions. */
	BusinessCalendar randomCalendar() {
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day == DayOfWeek.MONDAY || random.nextInt(4) > 0) {
				hours.put(day, randomRanges());
			}
		}
		List<LocalDate> holidays = new ArrayList<>();
		List<DateException> exceptions = new ArrayList<>();
		TreeSet<LocalDate> used = new TreeSet<>();
		for (int i = 0; i < 30; i++) {
			LocalDate date = LocalDate.parse("2026-01-01").plusDays(random.nextInt(2 * 366));
			if (!used.add(date)) {
				continue;
			}
			switch (random.nextInt(3)) {
				case 0 -> holidays.add(date);
				case 1 -> exceptions.add(DateException.closed(date));
				default -> exceptions.add(new DateException(date, randomRanges()));
			}
		}
		CalendarDefinition definition = new CalendarDefinition("random", ZONES.get(random.nextInt(ZONES.size())), hours,
				holidays, exceptions);
		return BusinessCalendar.of(definition);
	}

	List<TimeRange> randomRanges() {
		TreeSet<Integer> quarters = new TreeSet<>();
		int boundaries = 2 * (1 + random.nextInt(3));
		while (quarters.size() < boundaries) {
			quarters.add(random.nextInt(97));
		}
		List<Integer> sorted = new ArrayList<>(quarters);
		List<TimeRange> ranges = new ArrayList<>();
		for (int i = 0; i < sorted.size(); i += 2) {
			ranges.add(new TimeRange(quarterOfDay(sorted.get(i)), quarterOfDay(sorted.get(i + 1))));
		}
		return ranges;
	}

	static LocalTime quarterOfDay(int quarter) {
		return quarter == 96 ? TimeRange.END_OF_DAY : LocalTime.MIDNIGHT.plusMinutes(15L * quarter);
	}

}
