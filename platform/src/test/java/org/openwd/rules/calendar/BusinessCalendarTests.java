package org.openwd.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BusinessCalendarTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final CalendarDefinition NINE_TO_FIVE = CalendarDefinition.standard("back office", "Europe/Berlin");

	static Instant berlin(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
	}

	static Duration hours(long hours) {
		return Duration.ofHours(hours);
	}

	static BusinessCalendar nineToFive() {
		return BusinessCalendar.of(NINE_TO_FIVE);
	}

	@Test
	void fourBusinessHoursCapturedFridayAtFourAreDueMondayAtNoon() {
		// one hour on Friday (16-17), three on Monday (9-12)
		assertThat(nineToFive().plus(berlin("2026-03-06T16:00"), hours(4))).isEqualTo(berlin("2026-03-09T12:00"));
	}

	@Test
	void fourBusinessHoursCapturedFridayAtThreeAreDueMondayAtEleven() {
		assertThat(nineToFive().plus(berlin("2026-03-06T15:00"), hours(4))).isEqualTo(berlin("2026-03-09T11:00"));
	}

	@Test
	void businessTimeEndingAtClosingIsDueAtTheClosingNotAtTheNextOpening() {
		assertThat(nineToFive().plus(berlin("2026-03-09T09:00"), hours(8))).isEqualTo(berlin("2026-03-09T17:00"));
	}

	@Test
	void countingStartsAtTheOpeningWhenCapturedBeforeHours() {
		assertThat(nineToFive().plus(berlin("2026-03-09T07:00"), hours(1))).isEqualTo(berlin("2026-03-09T10:00"));
	}

	@Test
	void countingStartsOnMondayWhenCapturedAtTheWeekend() {
		assertThat(nineToFive().plus(berlin("2026-03-07T12:00"), hours(1))).isEqualTo(berlin("2026-03-09T10:00"));
	}

	@Test
	void theClosingInstantItselfIsOutsideHoursAndTheOpeningInstantInside() {
		BusinessCalendar calendar = nineToFive();

		assertThat(calendar.isOpen(berlin("2026-03-06T17:00"))).isFalse();
		assertThat(calendar.isOpen(berlin("2026-03-06T16:59:59.999999999"))).isTrue();
		assertThat(calendar.isOpen(berlin("2026-03-09T09:00"))).isTrue();
		assertThat(calendar.isOpen(berlin("2026-03-09T08:59:59.999999999"))).isFalse();
		assertThat(calendar.plus(berlin("2026-03-06T17:00"), hours(1))).isEqualTo(berlin("2026-03-09T10:00"));
	}

	@Test
	void easterHolidaysAreSkipped() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withHolidays(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06")));

		assertThat(calendar.plus(berlin("2026-04-02T16:00"), hours(4))).isEqualTo(berlin("2026-04-07T12:00"));
		assertThat(calendar.isOpen(berlin("2026-04-03T10:00"))).isFalse();
		assertThat(calendar.between(berlin("2026-04-02T09:00"), berlin("2026-04-08T09:00"))).isEqualTo(hours(16));
	}

	@Test
	void aClosedExceptionClosesAnOrdinaryWorkday() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withExceptions(DateException.closed(LocalDate.parse("2026-03-11"))));

		assertThat(calendar.plus(berlin("2026-03-10T16:00"), hours(2))).isEqualTo(berlin("2026-03-12T10:00"));
	}

	@Test
	void aShortChristmasEveCountsOnlyItsMorning() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withHolidays(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"))
				.withExceptions(DateException.open(LocalDate.parse("2026-12-24"), TimeRange.parse("09:00-12:00"))));

		assertThat(calendar.plus(berlin("2026-12-24T11:00"), hours(2))).isEqualTo(berlin("2026-12-28T10:00"));
		assertThat(calendar.between(berlin("2026-12-24T00:00"), berlin("2026-12-25T00:00"))).isEqualTo(hours(3));
	}

	@Test
	void anExceptionCanOpenASaturday() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withExceptions(DateException.open(LocalDate.parse("2026-03-07"), TimeRange.parse("10:00-14:00"))));

		assertThat(calendar.plus(berlin("2026-03-06T16:00"), hours(3))).isEqualTo(berlin("2026-03-07T12:00"));
		assertThat(calendar.isOpen(berlin("2026-03-07T10:00"))).isTrue();
		assertThat(calendar.isOpen(berlin("2026-03-14T10:00"))).isFalse();
	}

	@Test
	void severalRangesPerDaySkipTheLunchBreak() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withHours(DayOfWeek.MONDAY, TimeRange.parse("13:00-17:00"), TimeRange.parse("09:00-12:00")));

		assertThat(calendar.plus(berlin("2026-03-09T11:00"), hours(2))).isEqualTo(berlin("2026-03-09T14:00"));
		assertThat(calendar.between(berlin("2026-03-09T11:00"), berlin("2026-03-09T14:00"))).isEqualTo(hours(2));
		assertThat(calendar.isOpen(berlin("2026-03-09T12:30"))).isFalse();
		assertThat(calendar.nextOpening(berlin("2026-03-09T12:30"))).contains(berlin("2026-03-09T13:00"));
		assertThat(calendar.nextClosing(berlin("2026-03-09T10:00"))).contains(berlin("2026-03-09T12:00"));
	}

	@Test
	void touchingRangesFormOneOpening() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withHours(DayOfWeek.MONDAY, TimeRange.parse("09:00-12:00"), TimeRange.parse("12:00-13:00")));

		assertThat(calendar.nextClosing(berlin("2026-03-09T10:00"))).contains(berlin("2026-03-09T13:00"));
		assertThat(calendar.hoursOn(LocalDate.parse("2026-03-09"))).containsExactly(TimeRange.parse("09:00-13:00"));
	}

	@Test
	void aNightShiftRunsOnPastMidnight() {
		CalendarDefinition nights = new CalendarDefinition("night shift", "Europe/Berlin",
				Map.of(DayOfWeek.MONDAY, List.of(TimeRange.parse("22:00-24:00")), DayOfWeek.TUESDAY,
						List.of(TimeRange.parse("00:00-06:00"))),
				List.of(), List.of());
		BusinessCalendar calendar = BusinessCalendar.of(nights);

		assertThat(calendar.plus(berlin("2026-03-09T23:00"), hours(2))).isEqualTo(berlin("2026-03-10T01:00"));
		assertThat(calendar.plus(berlin("2026-03-09T12:00"), hours(8))).isEqualTo(berlin("2026-03-10T06:00"));
		assertThat(calendar.nextClosing(berlin("2026-03-09T23:00"))).contains(berlin("2026-03-10T06:00"));
		assertThat(calendar.between(berlin("2026-03-09T00:00"), berlin("2026-03-11T00:00"))).isEqualTo(hours(8));
	}

	@Test
	void aRangeUntilTheEndOfTheDayIncludesItsLastNanosecondAndClosesAtMidnight() {
		BusinessCalendar calendar = BusinessCalendar
			.of(NINE_TO_FIVE.withHours(DayOfWeek.MONDAY, TimeRange.parse("22:00-24:00")));

		assertThat(calendar.isOpen(berlin("2026-03-09T23:59:59.999999999"))).isTrue();
		assertThat(calendar.isOpen(berlin("2026-03-10T00:00"))).isFalse();
		assertThat(calendar.nextClosing(berlin("2026-03-09T23:00"))).contains(berlin("2026-03-10T00:00"));
		assertThat(calendar.between(berlin("2026-03-09T00:00"), berlin("2026-03-10T00:00"))).isEqualTo(hours(2));
	}

	@Test
	void twoHundredBusinessHoursSpanFiveWorkingWeeks() {
		assertThat(nineToFive().plus(berlin("2026-01-05T09:00"), hours(200))).isEqualTo(berlin("2026-02-06T17:00"));
	}

	@Test
	void decadesOfBusinessTimeAreAddedWithoutTrouble() {
		Instant start = berlin("2026-01-05T09:00");
		Duration fiftyThousandHours = hours(50_000);

		Instant due = nineToFive().plus(start, fiftyThousandHours);

		// 6,250 working days of eight hours: 1,250 weeks, ending on a Friday at closing
		assertThat(due).isEqualTo(berlin("2049-12-17T17:00"));
		assertThat(nineToFive().between(start, due)).isEqualTo(fiftyThousandHours);
	}

	@Test
	void aZeroDurationIsDueAtTheStartEvenOutsideHours() {
		Instant saturday = berlin("2026-03-07T12:00");

		assertThat(nineToFive().plus(saturday, Duration.ZERO)).isEqualTo(saturday);
	}

	@Test
	void aNegativeDurationIsRefused() {
		assertThatThrownBy(() -> nineToFive().plus(berlin("2026-03-09T10:00"), hours(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("must not be negative");
	}

	@Test
	void businessTimeBetweenCountsOnlyOpenHours() {
		assertThat(nineToFive().between(berlin("2026-03-06T16:00"), berlin("2026-03-09T11:00"))).isEqualTo(hours(3));
		assertThat(nineToFive().between(berlin("2026-03-07T00:00"), berlin("2026-03-09T00:00"))).isZero();
	}

	@Test
	void businessTimeBetweenIsZeroUnlessTheEndIsLater() {
		Instant monday = berlin("2026-03-09T10:00");

		assertThat(nineToFive().between(monday, monday)).isZero();
		assertThat(nineToFive().between(monday, berlin("2026-03-09T09:30"))).isZero();
	}

	@Test
	void nextOpeningIsTheInstantItselfWhenOpenAndNextClosingWhenClosed() {
		Instant mondayMorning = berlin("2026-03-09T10:00");
		Instant saturday = berlin("2026-03-07T10:00");

		assertThat(nineToFive().nextOpening(mondayMorning)).contains(mondayMorning);
		assertThat(nineToFive().nextOpening(saturday)).contains(berlin("2026-03-09T09:00"));
		assertThat(nineToFive().nextClosing(saturday)).contains(saturday);
		assertThat(nineToFive().nextClosing(mondayMorning)).contains(berlin("2026-03-09T17:00"));
	}

	@Test
	void aCalendarWithoutOpeningHoursFailsClearlyInsteadOfLoopingForever() {
		BusinessCalendar never = BusinessCalendar
			.of(new CalendarDefinition("never", "Europe/Berlin", Map.of(), List.of(), List.of()));
		Instant monday = berlin("2026-03-09T10:00");

		assertThatThrownBy(() -> never.plus(monday, hours(1))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'never' has no opening hours within 10 years");
		assertThat(never.nextOpening(monday)).isEmpty();
		assertThat(never.nextClosing(monday)).contains(monday);
		assertThat(never.isOpen(monday)).isFalse();
		assertThat(never.between(monday, berlin("2036-03-09T10:00"))).isZero();
	}

	@Test
	void aCalendarOpenOnlyOnExceptionDatesUsesThemAndThenFails() {
		BusinessCalendar oneDay = BusinessCalendar.of(new CalendarDefinition("inventory day", "Europe/Berlin", Map.of(),
				List.of(), List.of(DateException.open(LocalDate.parse("2030-06-03"), TimeRange.parse("09:00-17:00")))));

		assertThat(oneDay.plus(berlin("2026-03-09T10:00"), hours(3))).isEqualTo(berlin("2030-06-03T12:00"));
		assertThatThrownBy(() -> oneDay.plus(berlin("2026-03-09T10:00"), hours(9)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("after " + berlin("2030-06-03T17:00"))
			.hasMessageContaining("PT1H of business time left");
	}

	@Test
	void anOpeningMoreThanTenYearsAwayIsNotFound() {
		BusinessCalendar later = BusinessCalendar.of(new CalendarDefinition("later", "UTC", Map.of(), List.of(),
				List.of(DateException.open(LocalDate.parse("2040-01-02"), TimeRange.parse("09:00-17:00")))));

		assertThat(later.nextOpening(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
		assertThat(later.nextOpening(Instant.parse("2031-01-01T00:00:00Z")))
			.contains(Instant.parse("2040-01-02T09:00:00Z"));
	}

	@Test
	void aTwentyFourSevenCalendarNeverCloses() {
		BusinessCalendar always = BusinessCalendar.of(CalendarDefinition.twentyFourSeven("always"));
		Instant start = Instant.parse("2026-03-09T10:15:30.5Z");

		assertThat(always.plus(start, Duration.ofMinutes(90_001))).isEqualTo(start.plus(Duration.ofMinutes(90_001)));
		assertThat(always.nextClosing(start)).isEmpty();
		assertThat(always.nextOpening(start)).contains(start);
	}

	@Test
	void hoursCountInTheCalendarsOwnWallClock() {
		BusinessCalendar newYork = BusinessCalendar.of(CalendarDefinition.standard("new york", "America/New_York"));

		assertThat(newYork.plus(Instant.parse("2026-03-06T21:00:00Z"), hours(4)))
			.isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
	}

	@Test
	void hoursOnADateAreTheExceptionTheHolidayOrTheWeekdaysHours() {
		BusinessCalendar calendar = BusinessCalendar.of(NINE_TO_FIVE.withHolidays(LocalDate.parse("2026-12-25"))
			.withExceptions(DateException.open(LocalDate.parse("2026-12-24"), TimeRange.parse("09:00-12:00"))));

		assertThat(calendar.hoursOn(LocalDate.parse("2026-12-23"))).containsExactly(TimeRange.parse("09:00-17:00"));
		assertThat(calendar.hoursOn(LocalDate.parse("2026-12-24"))).containsExactly(TimeRange.parse("09:00-12:00"));
		assertThat(calendar.hoursOn(LocalDate.parse("2026-12-25"))).isEmpty();
		assertThat(calendar.hoursOn(LocalDate.parse("2026-12-27"))).isEmpty();
	}

	@Test
	void anInvalidDefinitionIsRefusedWithItsProblems() {
		CalendarDefinition invalid = NINE_TO_FIVE.withZone("Europe/Berln");

		assertThatThrownBy(() -> BusinessCalendar.of(invalid)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("invalid business calendar 'back office'")
			.hasMessageContaining("zone: unknown time zone 'Europe/Berln'");
	}

	@Test
	void keepsItsDefinitionNameAndZone() {
		BusinessCalendar calendar = nineToFive();

		assertThat(calendar.definition()).isEqualTo(NINE_TO_FIVE);
		assertThat(calendar.name()).isEqualTo("back office");
		assertThat(calendar.zone()).isEqualTo(BERLIN);
	}

}
