package org.openwd.presence.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.criteria.Predicate;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.openwd.presence.internal.InvalidEmployeeDataException.Violation;
import org.openwd.presence.internal.PresencePolicy.Change;
import org.openwd.presence.internal.PresencePolicy.Decision;
import org.openwd.presence.internal.PresencePolicy.Refused;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Employees and their presence, one transaction per change. Changes to one employee are serialised by a row lock, so
 * concurrent presence changes never lose a history entry and none of them fails for the others: each is decided
 * against the presence the previous one left.
 */
@Service
public class EmployeeService implements Employees {

	/** A saved profile and whether it created the employee. */
	public record Saved(EmployeeSnapshot employee, boolean created) {
	}

	private final EmployeeRepository employees;

	private final PresenceHistoryRepository history;

	private final PresencePolicy policy;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final TransactionTemplate readTx;

	EmployeeService(EmployeeRepository employees, PresenceHistoryRepository history, PresenceProperties properties, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.employees = employees;
		this.history = history;
		this.policy = new PresencePolicy(properties.reasons());
		this.clock = clock;
		this.tx = new TransactionTemplate(transactionManager);
		this.readTx = new TransactionTemplate(transactionManager);
		this.readTx.setReadOnly(true);
	}

	@Override
	public Optional<EmployeeSnapshot> find(String id) {
		return readTx.execute(status -> employees.findById(id).map(Employee::snapshot));
	}

	@Override
	public List<EmployeeSnapshot> findAll(java.util.Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() == 1) {
			// a keyed load: findAllById builds a criteria query with a collection parameter, whose SQL Hibernate
			// translates again on every call (a lone offer decision reads its employee through here)
			return find(ids.iterator().next()).map(List::of).orElse(List.of());
		}
		return readTx.execute(status -> employees.findAllById(ids).stream().map(Employee::snapshot).toList());
	}

	public EmployeeSnapshot get(String id) {
		return find(id).orElseThrow(() -> new EmployeeNotFoundException(id));
	}

	@Override
	public List<EmployeeSnapshot> all() {
		return readTx.execute(status -> employees.findAll(Sort.by("id")).stream().map(Employee::snapshot).toList());
	}

	/** Employees filtered by team, department and presence (each optional), ordered by id. */
	public Page<EmployeeSnapshot> search(String team, String department, PresenceState presence, Pageable page) {
		Specification<Employee> filter = (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (team != null && !team.isBlank()) {
				predicates.add(cb.equal(root.get("team"), team));
			}
			if (department != null && !department.isBlank()) {
				predicates.add(cb.equal(root.get("department"), department));
			}
			if (presence != null) {
				predicates.add(cb.equal(root.get("presence"), presence));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
		return readTx.execute(status -> employees.findAll(filter, page).map(Employee::snapshot));
	}

	/**
	 * Changes presence and records it, unless the employee already has it (then nothing is recorded).
	 * @throws EmployeeNotFoundException (a {@link java.util.NoSuchElementException}) if there is no such employee
	 * @throws InvalidEmployeeDataException (an {@link IllegalArgumentException}) for NOT_READY without a known reason code
	 */
	@Override
	public EmployeeSnapshot changePresence(String id, PresenceState to, String reason, String actor) {
		return tx.execute(status -> {
			Employee employee = employees.findForUpdate(id).orElseThrow(() -> new EmployeeNotFoundException(id));
			Decision decision = policy.decide(employee.presence(), employee.reason(), to, reason);
			if (decision instanceof Refused refused) {
				throw new InvalidEmployeeDataException(refused.field(), refused.message());
			}
			if (decision instanceof Change change && employee.changePresence(change.to(), change.reason(), now(), actor)) {
				store(employee);
			}
			return employee.snapshot();
		});
	}

	/**
	 * Creates the employee or replaces their profile (presence stays).
	 * @param expectedVersion the version the caller edited, or {@code null} to overwrite whatever is there
	 * @throws InvalidEmployeeDataException naming every offending field
	 * @throws EmployeeVersionMismatchException if {@code expectedVersion} is not the current version
	 */
	public Saved save(String id, EmployeeProfile profile, Long expectedVersion, String actor) {
		List<Violation> problems = profile.problems(id);
		if (!problems.isEmpty()) {
			throw new InvalidEmployeeDataException(problems);
		}
		EmployeeProfile clean = profile.normalised(id);
		try {
			return tx.execute(status -> saveInTransaction(id, clean, expectedVersion, actor));
		}
		catch (DataIntegrityViolationException ex) {
			// another request created the same employee at the same time: apply this one as an update of it
			if (find(id).isEmpty()) {
				throw ex;
			}
			return tx.execute(status -> saveInTransaction(id, clean, expectedVersion, actor));
		}
	}

	private Saved saveInTransaction(String id, EmployeeProfile profile, Long expectedVersion, String actor) {
		if (profile.substitute() != null && !employees.existsById(profile.substitute())) {
			throw new InvalidEmployeeDataException("substitute", "there is no employee '%s'".formatted(profile.substitute()));
		}
		Optional<Employee> existing = employees.findForUpdate(id);
		if (existing.isEmpty()) {
			if (expectedVersion != null) {
				throw new EmployeeVersionMismatchException(
						"Employee %s does not exist, so it is not at version %d".formatted(id, expectedVersion));
			}
			Employee created = Employee.create(id, profile, now(), actor);
			store(created);
			return new Saved(created.snapshot(), true);
		}
		Employee employee = existing.get();
		if (expectedVersion != null && expectedVersion != employee.version()) {
			throw new EmployeeVersionMismatchException("Employee %s is at version %d, not %d: reload it and try again"
				.formatted(id, employee.version(), expectedVersion));
		}
		if (employee.updateProfile(profile, now(), actor)) {
			store(employee);
		}
		return new Saved(employee.snapshot(), false);
	}

	/** Creates the employee unless one with this id exists (never changes an existing one); returns whether it did. */
	public boolean createIfAbsent(String id, EmployeeProfile profile, String actor) {
		List<Violation> problems = profile.problems(id);
		if (!problems.isEmpty()) {
			throw new InvalidEmployeeDataException(problems);
		}
		EmployeeProfile clean = profile.normalised(id);
		try {
			return tx.execute(status -> {
				if (employees.existsById(id)) {
					return false;
				}
				store(Employee.create(id, clean, now(), actor));
				return true;
			});
		}
		catch (DataIntegrityViolationException ex) {
			return false; // created by someone else meanwhile
		}
	}

	/**
	 * Presence history, newest first.
	 * @param before only entries before this position ({@code null}: from the newest)
	 * @param limit at most this many
	 */
	public List<PresenceHistoryEntry> history(String id, Integer before, int limit) {
		return readTx.execute(status -> {
			if (!employees.existsById(id)) {
				throw new EmployeeNotFoundException(id);
			}
			return history.findLatest(id, before == null ? Integer.MAX_VALUE : before, Pageable.ofSize(limit));
		});
	}

	/** The reason codes allowed for NOT_READY. */
	public List<String> reasonCodes() {
		return policy.reasonCodes();
	}

	private void store(Employee employee) {
		List<PresenceHistoryEntry> entries = employee.drainNewHistory();
		employees.save(employee);
		history.saveAll(entries);
		employees.flush();
	}

	/** Database timestamps keep microseconds; answers must show the same instant as a later read. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
