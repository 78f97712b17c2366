package org.openwd.distribution.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.openwd.rules.RoutingProfile;
import org.openwd.rules.RoutingProfiles;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.Handover;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
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

	/** A decision of the engine, to be committed with others of its round. */
	record Decision(TaskId task, String employee, String channel, Instant expiresAt, boolean assign) {
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

	/**
	 * Commits a round of decisions in one transaction: the claim rows of the employees concerned are locked (in id
	 * order), their presence and current load are read with one query each, and the tasks that still fit are handed
	 * over together ({@link GlobalTaskList#handOver}). One result per decision, in order. The guarantees are those of
	 * {@link #commit}: presence, capacity and the task's state are checked under the same locks.
	 */
	List<Result> commitAll(List<Decision> decisions) {
		return tx.execute(status -> {
			Set<String> people = new TreeSet<>();
			decisions.forEach(d -> people.add(d.employee()));
			lockClaims(people);
			Map<String, EmployeeSnapshot> found = new HashMap<>();
			employees.findAll(people).forEach(e -> found.put(e.id(), e));
			Map<String, Map<String, Integer>> held = loads(people);
			Result[] results = new Result[decisions.size()];
			List<Handover> handovers = new ArrayList<>();
			List<Integer> positions = new ArrayList<>();
			for (int i = 0; i < decisions.size(); i++) {
				Decision decision = decisions.get(i);
				EmployeeSnapshot person = found.get(decision.employee());
				if (person == null || person.presence() != PresenceState.READY) {
					results[i] = new Result(null, Refusal.NOT_READY);
					continue;
				}
				Map<String, Integer> load = held.computeIfAbsent(decision.employee(), e -> new HashMap<>());
				if (!fits(person, load, decision.channel(), 0)) {
					results[i] = new Result(null, Refusal.NO_CAPACITY);
					continue;
				}
				load.merge(decision.channel(), 1, Integer::sum);
				handovers.add(new Handover(decision.task(), decision.employee(), decision.assign() ? null : decision.expiresAt(),
						"system"));
				positions.add(i);
			}
			List<Optional<TaskSnapshot>> done = tasks.handOver(handovers);
			for (int k = 0; k < done.size(); k++) {
				results[positions.get(k)] = done.get(k).map(t -> new Result(t, null)).orElse(new Result(null, Refusal.TASK_CHANGED));
			}
			return List.of(results);
		});
	}

	/** Current open work per channel, from the database. */
	Map<String, Integer> load(String employee) {
		return loads(List.of(employee)).getOrDefault(employee, new HashMap<>());
	}

	/** Current open work per channel of several employees, from one query; employees holding nothing are absent. */
	Map<String, Map<String, Integer>> loads(Collection<String> people) {
		Map<String, Map<String, Integer>> loads = new HashMap<>();
		tasks.openAssignmentCounts(people).forEach((employee, byProfile) -> {
			Map<String, Integer> byChannel = new HashMap<>();
			byProfile.forEach((profile, count) -> byChannel.merge(channelOf(profile), count, Integer::sum));
			loads.put(employee, byChannel);
		});
		return loads;
	}

	private boolean fits(EmployeeSnapshot person, TaskSnapshot task) {
		String channel = channel(task);
		boolean holdsIt = person.id().equals(task.assignedEmployee())
				&& (task.state() == TaskState.OFFERED || task.state() == TaskState.ASSIGNED);
		return fits(person, load(person.id()), channel, holdsIt ? 1 : 0);
	}

	/** Whether one more task of a channel fits, not counting {@code discount} tasks of that channel already held. */
	private static boolean fits(EmployeeSnapshot person, Map<String, Integer> load, String channel, int discount) {
		int sameChannel = load.getOrDefault(channel, 0) - discount;
		int total = load.values().stream().mapToInt(Integer::intValue).sum() - discount;
		return sameChannel < person.channelCapacity().getOrDefault(channel, 0) && total < person.totalCapacity();
	}

	String channel(TaskSnapshot task) {
		return channelOf(task.routingProfile());
	}

	/** The channel of a routing profile ("case" without one). */
	String channelOf(String routingProfile) {
		return routingProfile == null || routingProfile.isEmpty() ? "case"
				: catalog.find(routingProfile).map(RoutingProfile::channel).orElse("case");
	}

	/** {@link #lockClaim} for several employees: one statement locks the existing claim rows, in key order. */
	private void lockClaims(Set<String> people) {
		String marks = String.join(",", java.util.Collections.nCopies(people.size(), "?"));
		Object[] ids = people.toArray();
		int locked = jdbc.update("update owd_employee_claim set claims = claims + 1 where employee_id in (" + marks + ")", ids);
		if (locked < people.size()) {
			Set<String> present = new java.util.HashSet<>(
					jdbc.queryForList("select employee_id from owd_employee_claim where employee_id in (" + marks + ")", String.class, ids));
			people.stream().filter(person -> !present.contains(person)).forEach(this::lockClaim);
		}
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
