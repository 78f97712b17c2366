package org.openwd.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

import org.openwd.rules.BusinessCalendars;

/**
 * Camunda's "duration" business calendar, counted in OpenWD business time: a timer {@code timeDuration} such as
 * {@code PT2H} ends two business hours later in the calendar named by the process variable {@code calendar} (the
 * task's routing profile's calendar). Without that variable, or for durations Java's {@link Duration} cannot express
 * (months, years, repeats), it falls back to Camunda's wall-clock calendar.
 */
class TaskBusinessCalendar implements BusinessCalendar {

	static final String CALENDAR_VARIABLE = "calendar";

	private final BusinessCalendars calendars;

	private final DurationBusinessCalendar wallClock = new DurationBusinessCalendar();

	TaskBusinessCalendar(BusinessCalendars calendars) {
		this.calendars = calendars;
	}

	@Override
	public Date resolveDuedate(String duedateDescription) {
		return resolveDuedate(duedateDescription, (Date) null);
	}

	@Override
	public Date resolveDuedate(String duedateDescription, Task task) {
		return resolveDuedate(duedateDescription, (Date) null);
	}

	@Override
	public Date resolveDuedate(String duedateDescription, Date startDate) {
		Duration duration = parse(duedateDescription);
		Instant start = (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant();
		Optional<Instant> due = duration == null ? Optional.empty()
				: currentCalendarName().flatMap(name -> calendars.plus(name, start, duration));
		if (due.isEmpty()) {
			return startDate == null ? wallClock.resolveDuedate(duedateDescription)
					: wallClock.resolveDuedate(duedateDescription, startDate);
		}
		return Date.from(due.get());
	}

	private static Duration parse(String text) {
		if (text == null) {
			return null;
		}
		try {
			Duration duration = Duration.parse(text.trim());
			return duration.isNegative() ? null : duration;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The calendar variable of the execution the engine is working on (timers are created inside its context). */
	private static Optional<String> currentCalendarName() {
		BpmnExecutionContext context;
		try {
			context = Context.getBpmnExecutionContext();
		}
		catch (RuntimeException notInAnExecution) {
			return Optional.empty();
		}
		if (context == null) {
			return Optional.empty();
		}
		ExecutionEntity execution = context.getExecution();
		Object name = execution == null ? null : execution.getVariable(CALENDAR_VARIABLE);
		return name == null || name.toString().isBlank() ? Optional.empty() : Optional.of(name.toString());
	}

}
