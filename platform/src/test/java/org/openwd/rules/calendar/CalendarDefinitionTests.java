package org.openwd.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

class CalendarDefinitionTests {

	/** The example of docs/business-calendars.md. */
	static final String BANK_BACK_OFFICE = """
			{
			  "name": "bank-back-office",
			  "zone": "Europe/Berlin",
			  "weeklyHours": {
			    "MONDAY":    [ { "start": "08:00", "end": "12:30" }, { "start": "13:30", "end": "17:00" } ],
			    "TUESDAY":   [ { "start": "08:00", "end": "12:30" }, { "start": "13:30", "end": "17:00" } ],
			    "WEDNESDAY": [ { "start": "08:00", "end": "12:30" }, { "start": "13:30", "end": "17:00" } ],
			    "THURSDAY":  [ { "start": "08:00", "end": "12:30" }, { "start": "13:30", "end": "17:00" } ],
			    "FRIDAY":    [ { "start": "08:00", "end": "14:00" } ]
			  },
			  "holidays": [
			    "2026-01-01", "2026-03-08", "2026-04-03", "2026-04-06", "2026-05-01",
			    "2026-05-14", "2026-05-25", "2026-10-03", "2026-12-25", "2026-12-26"
			  ],
			  "exceptions": [
			    { "date": "2026-12-24", "hours": [ { "start": "08:00", "end": "12:00" } ] },
			    { "date": "2026-12-31", "hours": [ { "start": "08:00", "end": "12:00" } ] }
			  ]
			}
			""";

	static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	static CalendarDefinition monday(TimeRange... ranges) {
		return CalendarDefinition.standard("back office", "Europe/Berlin").withHours(DayOfWeek.MONDAY, ranges);
	}

	static TimeRange range(String start, String end) {
		return new TimeRange(LocalTime.parse(start), LocalTime.parse(end));
	}

	@Test
	void theShippedShapesAreValid() {
		assertThat(CalendarDefinition.standard("back office", "Europe/Berlin").problems()).isEmpty();
		assertThat(CalendarDefinition.twentyFourSeven("always").problems()).isEmpty();
	}

	@Test
	void standardIsMondayToFridayNineToFive() {
		CalendarDefinition standard = CalendarDefinition.standard("back office", "Europe/Berlin");

		assertThat(standard.weeklyHours()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
				DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
		assertThat(standard.weeklyHours().values())
			.allSatisfy(hours -> assertThat(hours).containsExactly(range("09:00", "17:00")));
		assertThat(standard.zone()).isEqualTo("Europe/Berlin");
	}

	@Test
	void twentyFourSevenIsOpenEveryWholeDayInUtc() {
		CalendarDefinition always = CalendarDefinition.twentyFourSeven("always");

		assertThat(always.zone()).isEqualTo("UTC");
		assertThat(always.weeklyHours()).hasSize(7);
		assertThat(always.weeklyHours().values()).allSatisfy(hours -> assertThat(hours).containsExactly(TimeRange.WHOLE_DAY));
	}

	@Test
	void namesTheRangeWhoseEndIsNotAfterItsStart() {
		assertThat(monday(range("09:00", "12:00"), range("13:00", "13:00")).problems())
			.containsExactly("weeklyHours.MONDAY[1]: end must be after start (13:00-13:00)");
	}

	@Test
	void suggestsTheEndOfTheDayForARangeEndingAtMidnight() {
		assertThat(monday(range("22:00", "00:00")).problems()).containsExactly(
				"weeklyHours.MONDAY[0]: end must be after start (22:00-00:00); write the end of the day as 23:59:59.999999999");
	}

	@Test
	void suggestsSplittingARangePastMidnight() {
		assertThat(monday(range("22:00", "06:00")).problems())
			.containsExactly("weeklyHours.MONDAY[0]: end must be after start (22:00-06:00); split hours past midnight into "
					+ "22:00-23:59:59.999999999 and 00:00-06:00 on the next day");
	}

	@Test
	void namesOverlappingRanges() {
		assertThat(monday(range("09:00", "12:00"), range("11:00", "14:00"), range("14:00", "15:00")).problems())
			.containsExactly("weeklyHours.MONDAY[1]: 11:00-14:00 overlaps weeklyHours.MONDAY[0] 09:00-12:00");
	}

	@Test
	void refusesAnUnknownZone() {
		assertThat(CalendarDefinition.standard("back office", "Europe/Berln").problems())
			.containsExactly("zone: unknown time zone 'Europe/Berln', expected an IANA id such as Europe/Berlin");
	}

	@Test
	void requiresANameAndAZone() {
		assertThat(new CalendarDefinition(" ", null, null, null, null).problems())
			.containsExactly("name: must not be blank", "zone: must not be blank");
	}

	@Test
	void aCalendarWithoutAnyHoursIsValidAndReadsMissingCollectionsAsEmpty() {
		CalendarDefinition never = new CalendarDefinition("never", "UTC", null, null, null);

		assertThat(never.problems()).isEmpty();
		assertThat(never.weeklyHours()).isEmpty();
		assertThat(never.holidays()).isEmpty();
		assertThat(never.exceptions()).isEmpty();
	}

	@Test
	void namesMissingEntriesByTheirPosition() {
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		hours.put(DayOfWeek.SUNDAY, null);
		hours.put(DayOfWeek.MONDAY, Arrays.asList(null, new TimeRange(LocalTime.NOON, null)));
		CalendarDefinition definition = new CalendarDefinition("gaps", "UTC", hours,
				Arrays.asList(LocalDate.parse("2026-12-25"), null),
				Arrays.asList(null, new DateException(null, List.of()), new DateException(LocalDate.parse("2026-12-24"), null)));

		assertThat(definition.problems()).containsExactly("weeklyHours.MONDAY[0]: must not be null",
				"weeklyHours.MONDAY[1].end: must not be null (use 23:59:59.999999999 for the end of the day)",
				"weeklyHours.SUNDAY: must not be null (use [] for a closed day)", "holidays[1]: must not be null",
				"exceptions[0]: must not be null", "exceptions[1].date: must not be null",
				"exceptions[2].hours: must not be null (use [] for a closed day)");
	}

	@Test
	void refusesTwoSpecialHoursForOneDateAndADateThatIsAlsoAHoliday() {
		CalendarDefinition definition = CalendarDefinition.standard("back office", "Europe/Berlin")
			.withHolidays(LocalDate.parse("2026-12-25"))
			.withExceptions(DateException.open(LocalDate.parse("2026-12-24"), TimeRange.parse("08:00-12:00")),
					DateException.closed(LocalDate.parse("2026-12-24")), DateException.closed(LocalDate.parse("2026-12-25")));

		assertThat(definition.problems()).containsExactly(
				"exceptions[1].date: 2026-12-24 already has special hours in exceptions[0]",
				"exceptions[2].date: 2026-12-25 is also a holiday (holidays[0]); keep one of them");
	}

	@Test
	void checksTheHoursOfExceptionsToo() {
		CalendarDefinition definition = CalendarDefinition.standard("back office", "Europe/Berlin")
			.withExceptions(DateException.open(LocalDate.parse("2026-12-24"), range("12:00", "08:00")));

		assertThat(definition.problems()).singleElement()
			.asString()
			.startsWith("exceptions[0].hours[0]: end must be after start (12:00-08:00)");
	}

	@Test
	void everyProblemStartsWithTheFieldPathAndAColon() {
		CalendarDefinition definition = new CalendarDefinition("", "Mars/Olympus",
				Map.of(DayOfWeek.MONDAY, List.of(range("10:00", "09:00"))), Arrays.asList((LocalDate) null),
				List.of(DateException.closed(LocalDate.parse("2026-12-24")), DateException.closed(LocalDate.parse("2026-12-24"))));

		assertThat(definition.problems()).hasSize(5)
			.allSatisfy(problem -> assertThat(problem)
				.matches("^(name|zone|weeklyHours\\.MONDAY\\[0\\]|holidays\\[0\\]|exceptions\\[1\\]\\.date): .+"));
	}

	@Test
	void cannotBeChangedThroughTheCollectionsItWasMadeFrom() {
		List<LocalDate> holidays = new ArrayList<>(List.of(LocalDate.parse("2026-12-25")));
		List<TimeRange> mondays = new ArrayList<>(List.of(range("09:00", "17:00")));
		Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
		hours.put(DayOfWeek.MONDAY, mondays);
		CalendarDefinition definition = new CalendarDefinition("copy", "UTC", hours, holidays, List.of());

		holidays.clear();
		mondays.clear();
		hours.clear();

		assertThat(definition.holidays()).hasSize(1);
		assertThat(definition.weeklyHours().get(DayOfWeek.MONDAY)).hasSize(1);
		assertThatThrownBy(() -> definition.holidays().add(LocalDate.MIN)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void bindsFromTheJsonOfTheDocumentation() throws Exception {
		CalendarDefinition bank = JSON.readValue(BANK_BACK_OFFICE, CalendarDefinition.class);

		assertThat(bank.problems()).isEmpty();
		assertThat(bank.weeklyHours().get(DayOfWeek.MONDAY)).containsExactly(range("08:00", "12:30"), range("13:30", "17:00"));
		assertThat(bank.holidays()).hasSize(10).contains(LocalDate.parse("2026-04-03"));
		assertThat(bank.exceptions()).first()
			.isEqualTo(DateException.open(LocalDate.parse("2026-12-24"), range("08:00", "12:00")));
		// the worked example of the documentation: 8 business hours from Wednesday 23 December 16:00
		BusinessCalendar calendar = BusinessCalendar.of(bank);
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		Instant capturedAt = LocalDateTime.parse("2026-12-23T16:00").atZone(berlin).toInstant();
		assertThat(calendar.plus(capturedAt, Duration.ofHours(8)))
			.isEqualTo(LocalDateTime.parse("2026-12-28T11:00").atZone(berlin).toInstant());
	}

	@Test
	void survivesAJsonRoundTripIncludingTheEndOfTheDay() throws Exception {
		CalendarDefinition nights = CalendarDefinition.standard("nights", "Europe/Berlin")
			.withHours(DayOfWeek.FRIDAY, TimeRange.parse("22:00-24:00"))
			.withHours(DayOfWeek.SATURDAY, TimeRange.parse("00:00-06:00"))
			.withHolidays(LocalDate.parse("2026-12-25"))
			.withExceptions(DateException.closed(LocalDate.parse("2026-12-24")));

		String json = JSON.writeValueAsString(nights);

		assertThat(json).contains("\"end\":\"23:59:59.999999999\"").doesNotContain("problems").doesNotContain("endsAtMidnight");
		assertThat(JSON.readValue(json, CalendarDefinition.class)).isEqualTo(nights);
	}

	@Test
	void aTimeRangeCanBeWrittenWithTwentyFourForTheEndOfTheDay() {
		assertThat(TimeRange.parse("22:00-24:00")).isEqualTo(new TimeRange(LocalTime.of(22, 0), LocalTime.MAX));
		assertThat(TimeRange.parse("22:00-24:00").endsAtMidnight()).isTrue();
		assertThat(TimeRange.of("09:00", "17:30")).hasToString("09:00-17:30");
		assertThat(TimeRange.WHOLE_DAY).hasToString("00:00-24:00");
		assertThatThrownBy(() -> TimeRange.parse("nine to five")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("09:00-17:00");
	}

}
