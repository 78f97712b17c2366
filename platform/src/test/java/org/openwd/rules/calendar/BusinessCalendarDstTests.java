package org.openwd.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Europe/Berlin changes to summer time on 2026-03-29 (02:00 CET becomes 03:00 CEST) and back on 2026-10-25 (03:00 CEST
 * becomes 02:00 CET). Instants are written with their offset so that the repeated hour is unambiguous.
 */
class BusinessCalendarDstTests {

	static Instant at(String offsetDateTime) {
		return OffsetDateTime.parse(offsetDateTime).toInstant();
	}

	static BusinessCalendar sundays(String... ranges) {
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		hours.put(DayOfWeek.SUNDAY, List.of(ranges).stream().map(TimeRange::parse).toList());
		return BusinessCalendar.of(new CalendarDefinition("sunday nights", "Europe/Berlin", hours, List.of(), List.of()));
	}

	static BusinessCalendar nightShift() {
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		hours.put(DayOfWeek.SATURDAY, List.of(TimeRange.parse("22:00-24:00")));
		hours.put(DayOfWeek.SUNDAY, List.of(TimeRange.parse("00:00-06:00")));
		return BusinessCalendar.of(new CalendarDefinition("night shift", "Europe/Berlin", hours, List.of(), List.of()));
	}

	@Test
	void onSpringForwardDayOneToFourLastsTwoHours() {
		BusinessCalendar calendar = sundays("01:00-04:00");

		assertThat(calendar.between(at("2026-03-29T00:00+01:00"), at("2026-03-29T05:00+02:00")))
			.isEqualTo(Duration.ofHours(2));
		assertThat(calendar.plus(at("2026-03-29T01:00+01:00"), Duration.ofMinutes(90)))
			.isEqualTo(at("2026-03-29T03:30+02:00"));
		assertThat(calendar.nextClosing(at("2026-03-29T01:30+01:00"))).contains(at("2026-03-29T04:00+02:00"));
	}

	@Test
	void aRangeInsideTheSkippedHourDoesNotExistOnSpringForwardDay() {
		BusinessCalendar calendar = sundays("02:00-03:00");

		assertThat(calendar.between(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00"))).isZero();
		assertThat(calendar.isOpen(at("2026-03-29T03:00+02:00"))).isFalse();
		assertThat(calendar.plus(at("2026-03-28T12:00+01:00"), Duration.ofMinutes(30)))
			.isEqualTo(at("2026-04-05T02:30+02:00"));
	}

	@Test
	void onFallBackDayOneToFourLastsFourHours() {
		BusinessCalendar calendar = sundays("01:00-04:00");

		assertThat(calendar.between(at("2026-10-25T00:00+02:00"), at("2026-10-25T05:00+01:00")))
			.isEqualTo(Duration.ofHours(4));
		assertThat(calendar.plus(at("2026-10-25T01:00+02:00"), Duration.ofMinutes(150)))
			.isEqualTo(at("2026-10-25T02:30+01:00"));
		assertThat(calendar.nextClosing(at("2026-10-25T02:30+02:00"))).contains(at("2026-10-25T04:00+01:00"));
	}

	@Test
	void theRepeatedHourCountsTwiceOnFallBackDay() {
		BusinessCalendar calendar = sundays("02:00-03:00");

		assertThat(calendar.between(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00")))
			.isEqualTo(Duration.ofHours(2));
		assertThat(calendar.isOpen(at("2026-10-25T02:30+02:00"))).isTrue();
		assertThat(calendar.isOpen(at("2026-10-25T02:30+01:00"))).isTrue();
		assertThat(calendar.plus(at("2026-10-24T12:00+02:00"), Duration.ofMinutes(90)))
			.isEqualTo(at("2026-10-25T02:30+01:00"));
		// closes at 03:00 CEST and opens again at once at 02:00 CET: the same instant, one opening
		assertThat(calendar.nextClosing(at("2026-10-25T02:30+02:00"))).contains(at("2026-10-25T03:00+01:00"));
	}

	@Test
	void nineToFiveHoursAreUnaffectedByTheDstWeekends() {
		BusinessCalendar calendar = BusinessCalendar.of(CalendarDefinition.standard("back office", "Europe/Berlin"));

		assertThat(calendar.plus(at("2026-03-27T16:00+01:00"), Duration.ofHours(4)))
			.isEqualTo(at("2026-03-30T12:00+02:00"));
		assertThat(calendar.between(at("2026-03-27T09:00+01:00"), at("2026-03-30T17:00+02:00")))
			.isEqualTo(Duration.ofHours(16));
		assertThat(calendar.plus(at("2026-10-23T16:00+02:00"), Duration.ofHours(4)))
			.isEqualTo(at("2026-10-26T12:00+01:00"));
		assertThat(calendar.between(at("2026-10-23T09:00+02:00"), at("2026-10-26T17:00+01:00")))
			.isEqualTo(Duration.ofHours(16));
	}

	@Test
	void aNightShiftIsAnHourShorterInSpringAndAnHourLongerInAutumn() {
		BusinessCalendar calendar = nightShift();

		assertThat(calendar.between(at("2026-03-28T12:00+01:00"), at("2026-03-29T12:00+02:00")))
			.isEqualTo(Duration.ofHours(7));
		assertThat(calendar.plus(at("2026-03-28T22:00+01:00"), Duration.ofHours(7)))
			.isEqualTo(at("2026-03-29T06:00+02:00"));
		assertThat(calendar.between(at("2026-10-24T12:00+02:00"), at("2026-10-25T12:00+01:00")))
			.isEqualTo(Duration.ofHours(9));
		assertThat(calendar.plus(at("2026-10-24T22:00+02:00"), Duration.ofHours(9)))
			.isEqualTo(at("2026-10-25T06:00+01:00"));
	}

	@Test
	void aTwentyFourSevenCalendarInBerlinAddsPlainDurationsAcrossTheChanges() {
		BusinessCalendar calendar = BusinessCalendar
			.of(CalendarDefinition.twentyFourSeven("always").withZone("Europe/Berlin"));
		Instant springDay = at("2026-03-29T00:00+01:00");
		Instant autumnDay = at("2026-10-25T00:00+02:00");

		assertThat(calendar.between(springDay, at("2026-03-30T00:00+02:00"))).isEqualTo(Duration.ofHours(23));
		assertThat(calendar.between(autumnDay, at("2026-10-26T00:00+01:00"))).isEqualTo(Duration.ofHours(25));
		assertThat(calendar.plus(springDay, Duration.ofHours(30))).isEqualTo(springDay.plus(Duration.ofHours(30)));
		assertThat(calendar.plus(autumnDay, Duration.ofHours(30))).isEqualTo(autumnDay.plus(Duration.ofHours(30)));
	}

}
