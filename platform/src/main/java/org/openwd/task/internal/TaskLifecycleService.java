package org.openwd.task.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.task.CaptureResult;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.NewTask;
import org.openwd.task.TaskCapture;
import org.openwd.task.TaskClassifier;
import org.openwd.task.TaskId;
import org.openwd.task.TaskNotFoundException;
import org.openwd.task.TaskSnapshot;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Captures tasks idempotently and applies lifecycle verbs, one transaction per change. */
@Service
public class TaskLifecycleService implements GlobalTaskList, TaskCapture {

	private static final Logger log = LoggerFactory.getLogger(TaskLifecycleService.class);

	private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

	private final TaskRepository tasks;

	private final TaskHistoryRepository history;

	private final TaskClassifier classifier;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final TransactionTemplate readTx;

	@PersistenceContext
	private EntityManager entityManager;

	TaskLifecycleService(TaskRepository tasks, TaskHistoryRepository history, ObjectProvider<TaskClassifier> classifier, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.tasks = tasks;
		this.history = history;
		this.classifier = classifier.getIfAvailable(TaskClassifier::passThrough);
		this.clock = clock;
		this.tx = new TransactionTemplate(transactionManager);
		this.readTx = new TransactionTemplate(transactionManager);
		this.readTx.setReadOnly(true);
	}

	/**
	 * Captures a task exactly once per source system and external id. A repeat returns the existing task unchanged,
	 * also when two requests race (the unique key decides, the loser reads the winner's task).
	 */
	@Override
	public CaptureResult capture(NewTask data, String actor) {
		try {
			return tx.execute(status -> tasks.findBySourceSystemAndExternalId(data.sourceSystem(), data.externalId())
				.map(existing -> new CaptureResult(view(existing), false))
				.orElseGet(() -> new CaptureResult(save(newTask(data, actor)), true)));
		}
		catch (DataIntegrityViolationException ex) {
			return findBySourceKey(data.sourceSystem(), data.externalId()).map(task -> new CaptureResult(task, false))
				.orElseThrow(() -> ex);
		}
	}

	/**
	 * Captures many tasks in one transaction (new ones inserted in JDBC batches); items whose key exists are answered
	 * with the existing task. If a concurrent writer wins a key meanwhile, falls back to one transaction per item.
	 */
	@Override
	public List<CaptureResult> captureBatch(List<NewTask> items, String actor) {
		try {
			return tx.execute(status -> {
				Map<String, TaskSnapshot> known = new HashMap<>();
				items.stream()
					.collect(Collectors.groupingBy(NewTask::sourceSystem,
							Collectors.mapping(NewTask::externalId, Collectors.toSet())))
					.forEach((source, ids) -> tasks.findBySourceKeys(source, ids)
						.forEach(task -> known.put(key(task.sourceSystem(), task.externalId()), view(task))));
				List<CaptureResult> results = new ArrayList<>(items.size());
				for (NewTask item : items) {
					String key = key(item.sourceSystem(), item.externalId());
					TaskSnapshot existing = known.get(key);
					if (existing != null) {
						results.add(new CaptureResult(existing, false));
					}
					else {
						TaskSnapshot created = save(newTask(item, actor));
						known.put(key, created);
						results.add(new CaptureResult(created, true));
					}
				}
				tasks.flush();
				return results;
			});
		}
		catch (DataIntegrityViolationException ex) {
			log.debug("Batch capture lost a race on a source key; capturing item by item", ex);
			return items.stream().map(item -> capture(item, actor)).toList();
		}
	}

	private Task newTask(NewTask data, String actor) {
		Instant now = now();
		Task task = Task.capture(IDS.generate(), data, now, actor);
		task.classify(classifier.classify(task.snapshot()), now, "system");
		return task;
	}

	public Optional<TaskSnapshot> findView(UUID id) {
		return readTx.execute(status -> tasks.findById(id).map(this::view));
	}

	public Optional<TaskSnapshot> findBySourceKey(String sourceSystem, String externalId) {
		return readTx.execute(status -> tasks.findBySourceSystemAndExternalId(sourceSystem, externalId).map(this::view));
	}

	public UUID idOf(String sourceSystem, String externalId) {
		return findBySourceKey(sourceSystem, externalId).map(view -> view.id().value())
			.orElseThrow(() -> new TaskNotFoundException("from source %s with external id %s".formatted(sourceSystem, externalId)));
	}

	public List<TaskHistoryEntry> history(UUID id) {
		return readTx.execute(status -> history.findByTaskId(id));
	}

	public Page<TaskSnapshot> search(TaskFilter filter, Pageable page) {
		return readTx.execute(status -> tasks.findAll(filter.toSpecification(), page).map(this::view));
	}

	public TaskSnapshot update(UUID id, TaskChanges changes, Long expectedVersion, String actor) {
		return change(id, expectedVersion, task -> {
			Instant now = now();
			if (!task.update(changes, now, actor).isEmpty()) {
				task.reclassify(classifier.classify(task.snapshot()), now, "system");
			}
		});
	}

	public TaskSnapshot cancel(UUID id, String reason, String actor) {
		return change(id, null, task -> task.cancel(reason, now(), actor));
	}

	public TaskSnapshot reject(UUID id, String reason, String actor) {
		return change(id, null, task -> task.reject(reason, now(), actor));
	}

	public TaskSnapshot hold(UUID id, String reason, String actor) {
		return change(id, null, task -> task.hold(reason, now(), actor));
	}

	public TaskSnapshot resume(UUID id, String actor) {
		return change(id, null, task -> task.resume(now(), actor));
	}

	public TaskSnapshot restart(UUID id, String reason, String actor) {
		return change(id, null, task -> {
			Instant now = now();
			task.restart(reason, now, actor);
			task.classify(classifier.classify(task.snapshot()), now, "system");
		});
	}

	public TaskSnapshot defer(UUID id, Instant until, String reason, String actor) {
		return change(id, null, task -> task.defer(until, reason, now(), actor));
	}

	@Override
	public TaskSnapshot defer(TaskId id, Instant until, String reason, String actor) {
		return defer(id.value(), until, reason, actor);
	}

	@Override
	public TaskSnapshot restart(TaskId id, String reason, String actor) {
		return restart(id.value(), reason, actor);
	}

	@Override
	public TaskSnapshot hold(TaskId id, String reason, String actor) {
		return hold(id.value(), reason, actor);
	}

	public TaskSnapshot prioritize(UUID id, boolean pinned, int boost, String reason, String actor) {
		return change(id, null, task -> task.prioritize(pinned, boost, reason, now(), actor));
	}

	@Override
	public TaskSnapshot cancel(TaskId id, String reason, String actor) {
		return cancel(id.value(), reason, actor);
	}

	@Override
	public TaskSnapshot prioritize(TaskId id, boolean pinned, int boost, String reason, String actor) {
		return prioritize(id.value(), pinned, boost, reason, actor);
	}

	@Override
	public TaskSnapshot retarget(TaskId id, Integer step, String reason, String actor) {
		return change(id.value(), null, task -> task.retarget(step, reason, now(), actor));
	}

	@Override
	public TaskSnapshot reroute(TaskId id, String routingProfile, String reason, String actor) {
		return change(id.value(), null, task -> task.reroute(routingProfile, reason, now(), actor));
	}

	@Override
	public TaskSnapshot recordEscalation(TaskId id, String stage, Map<String, Object> details, String actor) {
		return change(id.value(), null, task -> task.recordEscalation(stage, details, now(), actor));
	}

	public TaskSnapshot completeFromSource(UUID id, String outcome, String note, String actor) {
		return change(id, null, task -> task.completeFromSource(outcome, note, now(), actor));
	}

	/** Moves scheduled tasks whose activation time has come into the queue; returns how many moved. */
	public int activateDueTasks(int max) {
		List<UUID> due = readTx.execute(status -> tasks.findDue(org.openwd.task.TaskState.SCHEDULED, now(),
				Pageable.ofSize(max)));
		int activated = 0;
		for (UUID id : due) {
			try {
				change(id, null, task -> {
					if (task.state() == org.openwd.task.TaskState.SCHEDULED) {
						task.activate(now(), "system");
					}
				});
				activated++;
			}
			catch (org.springframework.dao.OptimisticLockingFailureException ex) {
				log.debug("Task {} changed concurrently while activating; skipped", id);
			}
		}
		return activated;
	}

	@Override
	public void forEachInState(org.openwd.task.TaskState state, java.util.function.Consumer<TaskSnapshot> consumer) {
		UUID after = new UUID(0, 0); // ids are compared as their text form, which this precedes
		while (true) {
			UUID from = after;
			List<TaskSnapshot> page = readTx.execute(status -> tasks.findPageInState(state, from, Pageable.ofSize(1000)).stream()
				.map(Task::snapshot).toList());
			page.forEach(consumer);
			if (page.size() < 1000) {
				return;
			}
			after = page.get(page.size() - 1).id().value();
		}
	}

	@Override
	public List<TaskSnapshot> openAssignments(String employee) {
		return readTx.execute(status -> tasks.findByEmployeeInStates(employee,
				java.util.EnumSet.of(org.openwd.task.TaskState.OFFERED, org.openwd.task.TaskState.ASSIGNED))
			.stream().map(Task::snapshot).toList());
	}

	@Override
	public List<org.openwd.task.OpenAssignment> openAssignments() {
		return readTx.execute(status -> tasks.findAssignmentsInStates(
				java.util.EnumSet.of(org.openwd.task.TaskState.OFFERED, org.openwd.task.TaskState.ASSIGNED))
			.stream()
			.map(row -> new org.openwd.task.OpenAssignment(new TaskId((UUID) row[0]), (org.openwd.task.TaskState) row[1],
					(String) row[2], (String) row[3], (Instant) row[4]))
			.toList());
	}

	@Override
	public List<org.openwd.task.CompletionCount> completionsSince(Instant since) {
		return readTx.execute(status -> tasks.countCompletionsSince(since));
	}

	@Override
	public Optional<TaskSnapshot> find(TaskId id) {
		return findView(id.value());
	}

	@Override
	public TaskSnapshot offer(TaskId id, String employee, Instant expiresAt, String actor) {
		return change(id.value(), null, task -> task.offer(employee, expiresAt, now(), actor));
	}

	@Override
	public List<Optional<TaskSnapshot>> handOver(List<org.openwd.task.Handover> handovers) {
		if (handovers.isEmpty()) {
			return List.of();
		}
		return tx.execute(status -> {
			java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
			handovers.forEach(h -> ids.add(h.task().value()));
			Map<UUID, Task> locked = new HashMap<>();
			if (ids.size() == 1) {
				// a lone decision (the usual case outside bursts): a keyed lock, no query to translate. Hibernate does
				// not cache the SQL of a query with a collection parameter, so "id in :ids" is translated on every call
				UUID id = ids.iterator().next();
				Task task = entityManager.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
				if (task != null) {
					locked.put(id, task);
				}
			}
			else {
				tasks.findAllByIdForUpdate(ids).forEach(task -> locked.put(task.taskId().value(), task));
			}
			Instant now = now();
			List<Task> changed = new ArrayList<>();
			List<Task> outcome = new ArrayList<>();
			for (org.openwd.task.Handover handover : handovers) {
				Task task = locked.get(handover.task().value());
				if (task == null || task.state() != org.openwd.task.TaskState.QUEUED) {
					outcome.add(null);
					continue;
				}
				if (handover.assigns()) {
					task.assign(handover.employee(), now, handover.actor());
				}
				else {
					task.offer(handover.employee(), handover.offerExpiresAt(), now, handover.actor());
				}
				changed.add(task);
				outcome.add(task);
			}
			changed.forEach(this::save);
			tasks.flush();
			return outcome.stream().map(task -> Optional.ofNullable(task).map(this::view)).toList();
		});
	}

	@Override
	public Map<String, Map<String, Integer>> openAssignmentCounts(java.util.Collection<String> employees) {
		if (employees.isEmpty()) {
			return Map.of();
		}
		return readTx.execute(status -> {
			Map<String, Map<String, Integer>> counts = new HashMap<>();
			// one employee (a lone decision) without collection parameters, so Hibernate reuses the query's SQL
			List<Object[]> rows = employees.size() == 1 ? tasks.countOpenAssignmentsByProfile(employees.iterator().next())
					: tasks.countByEmployeeAndProfile(employees,
							java.util.EnumSet.of(org.openwd.task.TaskState.OFFERED, org.openwd.task.TaskState.ASSIGNED));
			for (Object[] row : rows) {
				counts.computeIfAbsent((String) row[0], e -> new HashMap<>())
					.merge((String) row[1], ((Number) row[2]).intValue(), Integer::sum);
			}
			return counts;
		});
	}

	@Override
	public TaskSnapshot accept(TaskId id, String employee) {
		return change(id.value(), null, task -> task.accept(employee, now()));
	}

	@Override
	public TaskSnapshot decline(TaskId id, String employee, String reason) {
		return change(id.value(), null, task -> task.decline(reason, now(), employee));
	}

	@Override
	public TaskSnapshot expireOffer(TaskId id) {
		return change(id.value(), null, task -> task.expireOffer(now()));
	}

	@Override
	public TaskSnapshot assign(TaskId id, String employee, String actor) {
		return change(id.value(), null, task -> task.assign(employee, now(), actor));
	}

	@Override
	public TaskSnapshot returnToQueue(TaskId id, String reason, String actor) {
		return change(id.value(), null, task -> task.returnToQueue(reason, now(), actor));
	}

	@Override
	public TaskSnapshot complete(TaskId id, String outcome, String actor) {
		return change(id.value(), null, task -> task.complete(outcome, now(), actor));
	}

	/**
	 * Applies a verb to the locked task. In a transaction of its own the change is flushed before the answer (so the
	 * answer shows the stored version). Inside the caller's transaction (e.g. an escalation job running several steps
	 * on one task) it is not: Hibernate writes the task once when that transaction flushes or commits, so several
	 * changes cost one {@code UPDATE}, and the answer shows the version that write will store (every verb records a
	 * history entry, so the task is always dirty and its version goes up by exactly one at the next flush). A verb that
	 * checks an expected version flushes first, so the check sees the stored version.
	 */
	private TaskSnapshot change(UUID id, Long expectedVersion, Consumer<Task> verb) {
		return tx.execute(status -> {
			Task task = lockForChange(id);
			if (expectedVersion != null) {
				if (!status.isNewTransaction()) {
					tasks.flush();
				}
				if (expectedVersion != task.version()) {
					throw new TaskVersionMismatchException(task.taskId(), expectedVersion, task.version());
				}
			}
			verb.accept(task);
			save(task);
			if (status.isNewTransaction()) {
				tasks.flush();
				return view(task);
			}
			return task.snapshotBeforeFlush();
		});
	}

	@Override
	public Optional<TaskSnapshot> findOpenForChange(TaskId id) {
		return tx.execute(status -> {
			Task task = entityManager.find(Task.class, id.value(), LockModeType.PESSIMISTIC_WRITE);
			if (task == null || task.state().isTerminal()) {
				return Optional.<TaskSnapshot>empty();
			}
			return Optional.of(task.snapshotBeforeFlush());
		});
	}

	/**
	 * Reads a task to change it, holding its row lock until the transaction ends: concurrent changes of one task (an
	 * offer, a supervisor's assignment, an escalation step) run one after the other, each on the state the previous one
	 * committed, and append their history entries in order. A task this transaction has locked already (the second step
	 * of one escalation job) is not locked and read again: {@code find} with the lock mode reads and locks a task not
	 * loaded yet ({@code select ... for update}), upgrades the lock of one read before in this transaction (checking its
	 * version, so a step never works on a stale read) and costs no statement for one it locked before.
	 */
	private Task lockForChange(UUID id) {
		Task task = entityManager.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
		if (task == null) {
			throw new TaskNotFoundException(id.toString());
		}
		return task;
	}

	private TaskSnapshot save(Task task) {
		List<TaskHistoryEntry> entries = task.drainNewHistory();
		Task saved = tasks.save(task);
		history.saveAll(entries);
		return view(saved);
	}

	private TaskSnapshot view(Task task) {
		return task.snapshot();
	}

	/** Database timestamps keep microseconds; answers must show the same instant as a later read. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String key(String source, String externalId) {
		return source + '\u0000' + externalId;
	}

}
