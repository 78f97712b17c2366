package org.openwd.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.rules.BusinessCalendars;
import org.openwd.rules.calendar.BusinessCalendar;
import org.openwd.rules.calendar.CalendarDefinition;

/** Timer durations count in the task's business calendar (a real engine, in memory, with the OpenWD calendar). */
class TaskBusinessCalendarTests {

	/** Monday to Friday, 09:00 to 17:00 UTC. */
	static final BusinessCalendar OFFICE = BusinessCalendar.of(CalendarDefinition.standard("office", "UTC"));

	static final BusinessCalendars CALENDARS = (name, start, duration) -> "office".equals(name)
			? Optional.of(OFFICE.plus(start, duration)) : Optional.empty();

	static ProcessEngine engine;

	@BeforeAll
	static void engine() {
		StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
		config.setJdbcUrl("jdbc:h2:mem:business-calendar-tests;DB_CLOSE_DELAY=-1");
		config.setJobExecutorActivate(false);
		config.setHistory("none");
		config.setEnforceHistoryTimeToLive(false);
		config.setProcessEngineName("business-calendar-tests");
		MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
		calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new TaskBusinessCalendar(CALENDARS));
		calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
		calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
		config.setBusinessCalendarManager(calendars);
		engine = config.buildProcessEngine();
		BpmnModelInstance model = Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1)
			.startEvent()
			.intermediateCatchEvent("Timer_Wait").timerWithDuration("PT2H")
			.endEvent()
			.done();
		engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn", model).deploy();
	}

	@AfterAll
	static void close() {
		engine.close();
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	Instant timerAfterStartingAt(String now, String calendar) {
		ClockUtil.setCurrentTime(Date.from(Instant.parse(now)));
		ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("wait",
				org.camunda.bpm.engine.variable.Variables.createVariables().putValue("calendar", calendar));
		return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult().getDuedate()
			.toInstant();
	}

	@Test
	void twoBusinessHoursFromFridayAfternoonEndOnMondayMorning() {
		assertThat(timerAfterStartingAt("2026-03-06T16:00:00Z", "office")).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
	}

	@Test
	void twoBusinessHoursAtNightStartCountingAtTheNextOpening() {
		assertThat(timerAfterStartingAt("2026-03-03T22:00:00Z", "office")).isEqualTo(Instant.parse("2026-03-04T11:00:00Z"));
	}

	@Test
	void withoutAKnownCalendarTheDurationIsWallClockTime() {
		assertThat(timerAfterStartingAt("2026-03-06T16:00:00Z", "no-such-calendar"))
			.isEqualTo(Instant.parse("2026-03-06T18:00:00Z"));
		assertThat(timerAfterStartingAt("2026-03-06T16:00:00Z", null)).isEqualTo(Instant.parse("2026-03-06T18:00:00Z"));
	}

}
