package org.openwd.distribution.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.openwd.rules.RoutingProfile;
import org.openwd.rules.RoutingProfiles;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits a decision: locks the employee's claim row, re-checks presence and capacity against the database, then
 * offers (or assigns) the task, all in one transaction. The task's own state guard and version make a second live
 * offer impossible; the claim row makes exceeding capacity impossible, also with several nodes deciding at once.
 */
@Component
class OfferWriter {

	/** Why a decision could not be committed. */
	enum Refusal {
		NOT_READY, NO_CAPACITY, TASK_CHANGED
	}

	record Result(TaskSnapshot task, Refusal refusal) {

		boolean committed() {
			return refusal == null;
		}

	}

	private final TransactionTemplate tx;

	private final JdbcTemplate jdbc;

	private final GlobalTaskList tasks;

	private final Employees employees;

	private final RoutingProfiles catalog;

	OfferWriter(PlatformTransactionManager transactionManager, JdbcTemplate jdbc, GlobalTaskList tasks, Employees employees,
			RoutingProfiles catalog) {
		this.tx = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.employees = employees;
		this.catalog = catalog;
	}

	/** Offers, or assigns when {@code assign} (auto-accept, pull mode, supervisor), if presence and capacity allow. */
	Result commit(TaskId task, String employee, Instant expiresAt, boolean assign, String actor, boolean requireReady) {
		try {
			return tx.execute(status -> {
				lockClaim(employee);
				Optional<EmployeeSnapshot> person = employees.find(employee);
				if (person.isEmpty() || requireReady && person.get().presence() != PresenceState.READY) {
					status.setRollbackOnly();
					return new Result(null, Refusal.NOT_READY);
				}
				TaskSnapshot snapshot = tasks.find(task).orElse(null);
				if (snapshot == null || !fits(person.get(), snapshot)) {
					status.setRollbackOnly();
					return new Result(null, snapshot == null ? Refusal.TASK_CHANGED : Refusal.NO_CAPACITY);
				}
				TaskSnapshot done = assign ? tasks.assign(task, employee, actor) : tasks.offer(task, employee, expiresAt, actor);
				return new Result(done, null);
			});
		}
		catch (org.openwd.task.IllegalTaskTransitionException | org.springframework.dao.OptimisticLockingFailureException ex) {
			return new Result(null, Refusal.TASK_CHANGED);
		}
	}

	/** Current open work per channel, from the database. */
	Map<String, Integer> load(String employee) {
		Map<String, Integer> load = new HashMap<>();
		for (TaskSnapshot task : tasks.openAssignments(employee)) {
			load.merge(channel(task), 1, Integer::sum);
		}
		return load;
	}

	private boolean fits(EmployeeSnapshot person, TaskSnapshot task) {
		String channel = channel(task);
		List<TaskSnapshot> open = tasks.openAssignments(person.id());
		long sameChannel = open.stream().filter(t -> channel.equals(channel(t)) && !t.id().equals(task.id())).count();
		long total = open.stream().filter(t -> !t.id().equals(task.id())).count();
		return sameChannel < person.channelCapacity().getOrDefault(channel, 0) && total < person.totalCapacity();
	}

	String channel(TaskSnapshot task) {
		return channel(task.routingProfile());
	}

	String channel(String routingProfile) {
		return routingProfile == null ? "case" : catalog.find(routingProfile).map(RoutingProfile::channel).orElse("case");
	}

	private void lockClaim(String employee) {
		if (jdbc.update("update owd_employee_claim set claims = claims + 1 where employee_id = ?", employee) == 0) {
			try {
				jdbc.update("insert into owd_employee_claim (employee_id, claims) values (?, 1)", employee);
			}
			catch (DuplicateKeyException ex) {
				jdbc.update("update owd_employee_claim set claims = claims + 1 where employee_id = ?", employee);
			}
		}
	}

}
