package org.openwd.reporting.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.common.web.InvalidRequestException;
import org.openwd.reporting.Dimension;
import org.openwd.reporting.internal.DaySeries;
import org.openwd.reporting.internal.LiveBoard;
import org.openwd.reporting.internal.PeopleBoard;
import org.openwd.reporting.internal.TaskExport;
import org.openwd.reporting.internal.Tile;
import org.openwd.task.TaskState;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the supervisor view reads: live tiles, today's charts, the people board, and CSV export of the task list. */
@RestController
@Validated
@RequestMapping("/api/v1/reporting")
@PreAuthorize(ReportingController.SUPERVISORS)
@Tag(name = "Reporting", description = "Live tiles, charts over the day, people board and CSV export for supervisors")
class ReportingController {

	static final String SUPERVISORS = "hasAnyRole('SUPERVISOR','ADMIN')";

	private final LiveBoard board;

	private final DaySeries days;

	private final PeopleBoard people;

	private final TaskExport export;

	private final Clock clock;

	ReportingController(LiveBoard board, DaySeries days, PeopleBoard people, TaskExport export, Clock clock) {
		this.board = board;
		this.days = days;
		this.people = people;
		this.export = export;
		this.clock = clock;
	}

	/** The tiles of one dimension, as of {@code at}. */
	record LiveTiles(Instant at, String dimension, List<Tile> tiles) {
	}

	@GetMapping(path = "/live", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(SUPERVISORS)
	@Operation(operationId = "getLiveTiles", summary = "Live tiles per department, process or virtual queue",
			description = "Open work (waiting, offered, in progress, held, scheduled, oldest waiting, at risk = inside the "
					+ "SLA warning window, overdue) and today's flow and service level, one tile per key. dimension=all gives "
					+ "one tile for the whole site. Tasks without a value are under the key \"\".")
	LiveTiles live(@Parameter(description = "all, department, process or queue (routing profile)")
	@RequestParam(defaultValue = "department") String dimension) {
		Dimension d = dimension(dimension);
		return new LiveTiles(clock.instant(), d.key(), board.tiles(d));
	}

	@GetMapping(path = "/day", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(SUPERVISORS)
	@Operation(operationId = "getDaySeries", summary = "Today's flow, service level and backlog of one key",
			description = "Hourly arrivals, completions and the service level of the day so far; backlog samples (every "
					+ "openwd.reporting.sample-interval) plus the current value as the last point.")
	DaySeries.TodaySeries day(@RequestParam(defaultValue = "all") String dimension,
			@RequestParam(defaultValue = "") @Size(max = 100) String key) {
		return days.today(dimension(dimension), key);
	}

	@GetMapping(path = "/people", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(SUPERVISORS)
	@Operation(operationId = "getPeopleBoard", summary = "People board",
			description = "Every employee (optionally of one department or team) with presence, reason, since when, "
					+ "capacity, load and the tasks offered or assigned to them.")
	List<PeopleBoard.Person> people(@RequestParam(required = false) @Size(max = 100) String department,
			@RequestParam(required = false) @Size(max = 100) String team) {
		return people.people(department, team);
	}

	@GetMapping(path = "/tasks.csv", produces = "text/csv")
	@PreAuthorize(SUPERVISORS)
	@Operation(operationId = "exportTasksCsv", summary = "Export the filtered task list as CSV",
			description = "Same filters as GET /api/v1/tasks (plus assignedEmployee), newest capture first, streamed.",
			responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
					schema = @Schema(type = "string"))))
	void csv(@RequestParam(required = false) Set<String> state, @RequestParam(required = false) String type,
			@RequestParam(required = false) String department, @RequestParam(required = false) String process,
			@RequestParam(required = false) String sourceSystem, @RequestParam(required = false) String customerId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueBefore,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueAfter,
			@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(required = false) @Size(max = 100) String assignedEmployee,
			@Parameter(description = "Most rows to export") @RequestParam(defaultValue = "1000000") @Min(1) @Max(10_000_000) long limit,
			HttpServletResponse response) throws IOException {
		Set<String> states = state == null ? Set.of() : state.stream().flatMap(s -> Set.of(s.split(",")).stream())
			.map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
				try {
					return TaskState.valueOf(s).name();
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidRequestException("state", "one of " + List.of(TaskState.values()));
				}
			}).collect(Collectors.toSet());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"openwd-tasks.csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		export.write(new TaskExport.Filter(states, type, department, process, sourceSystem, customerId, dueBefore, dueAfter, q,
				assignedEmployee, limit), out);
	}

	private static Dimension dimension(String value) {
		try {
			return Dimension.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("dimension", ex.getMessage());
		}
	}

}
