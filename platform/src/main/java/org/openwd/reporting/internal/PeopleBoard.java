package org.openwd.reporting.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The people board: every employee with presence, reason, time in state, capacity use and the tasks they hold. The
 * tasks come from one indexed read of the OFFERED and ASSIGNED tasks (bounded by the capacity of all employees).
 */
@Component
public class PeopleBoard {

	public record HeldTask(String id, String title, String state, Instant dueTime, Instant slaWarningAt,
			Instant offerExpiresAt) {
	}

	public record Person(String id, String displayName, String team, String department, PresenceState presence,
			String reason, Instant presenceSince, boolean outOfOffice, int totalCapacity, int load, List<HeldTask> tasks) {
	}

	private final Employees employees;

	private final NamedParameterJdbcTemplate jdbc;

	PeopleBoard(Employees employees, NamedParameterJdbcTemplate jdbc) {
		this.employees = employees;
		this.jdbc = jdbc;
	}

	public List<Person> people(String department, String team) {
		Map<String, List<HeldTask>> held = new HashMap<>();
		jdbc.query("SELECT id, title, state, due_time, sla_warning_at, offer_expires_at, assigned_employee FROM owd_task "
				+ "WHERE state IN ('OFFERED','ASSIGNED') AND assigned_employee IS NOT NULL", new MapSqlParameterSource(), rs -> {
					held.computeIfAbsent(rs.getString("assigned_employee"), k -> new ArrayList<>())
						.add(new HeldTask(rs.getString("id"), rs.getString("title"), rs.getString("state"),
								Db.instant(rs, "due_time"), Db.instant(rs, "sla_warning_at"), Db.instant(rs, "offer_expires_at")));
				});
		List<Person> people = new ArrayList<>();
		for (EmployeeSnapshot e : employees.all()) {
			if ((department != null && !department.equals(e.department())) || (team != null && !team.equals(e.team()))) {
				continue;
			}
			List<HeldTask> tasks = held.getOrDefault(e.id(), List.of());
			people.add(new Person(e.id(), e.displayName(), e.team(), e.department(), e.presence(), e.reason(),
					e.presenceSince(), e.outOfOffice(), e.totalCapacity(), tasks.size(), List.copyOf(tasks)));
		}
		people.sort(Comparator.comparing(Person::id));
		return people;
	}

}
