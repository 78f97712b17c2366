package org.openwd.distribution.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.openwd.rules.priority.AgingOrderIndex;
import org.openwd.rules.priority.PriorityPolicy;

/**
 * Decides who gets what. Not thread-safe: one owner thread calls it (the distributor's decision loop). The cost of a
 * decision does not grow with the backlog: tasks are found through the aging-aware index (work proportional to the
 * number of aging classes plus the tasks a filter rejects), employees by scanning the ready ones.
 */
public final class MatchingEngine {

	private final AgingOrderIndex index = new AgingOrderIndex();

	private final Map<UUID, QueuedTask> tasks = new HashMap<>();

	private final Map<String, RoutingRules> rules = new HashMap<>();

	private final Map<String, Worker> workers = new LinkedHashMap<>();

	private final Map<String, Worker.Load> loads = new HashMap<>();

	private final Map<String, LastAgent> lastAgents = new HashMap<>();

	private final ServiceLevels serviceLevels;

	private SelectionStrategy strategy;

	private Duration lastAgentWindow;

	private record LastAgent(String employee, Instant until) {
	}

	public MatchingEngine(SelectionStrategy strategy, Duration lastAgentWindow, ServiceLevels serviceLevels) {
		this.strategy = Objects.requireNonNull(strategy);
		this.lastAgentWindow = lastAgentWindow;
		this.serviceLevels = serviceLevels;
	}

	// ---- configuration

	public void profile(RoutingRules routing, PriorityPolicy policy) {
		rules.put(routing.name(), routing);
		index.replacePolicy(routing.name(), policy);
	}

	public boolean knowsProfile(String profile) {
		return rules.containsKey(profile);
	}

	public void strategy(SelectionStrategy strategy) {
		this.strategy = strategy;
	}

	// ---- tasks

	/** Adds or replaces a queued task. */
	public void queue(QueuedTask task) {
		if (!rules.containsKey(task.profile())) {
			throw new IllegalArgumentException("unknown routing profile " + task.profile());
		}
		index.update(task.profile(), task.priority());
		tasks.put(task.id(), task);
	}

	/** Removes a task (offered, assigned, held, closed ...); {@code false} if it was not queued. */
	public boolean dequeue(UUID taskId) {
		index.remove(taskId);
		return tasks.remove(taskId) != null;
	}

	public Optional<QueuedTask> task(UUID taskId) {
		return Optional.ofNullable(tasks.get(taskId));
	}

	public int queuedCount() {
		return tasks.size();
	}

	// ---- workers

	/** Adds or replaces an employee; the load stays. */
	public void worker(Worker worker, Instant now) {
		Worker previous = workers.put(worker.id(), worker);
		Worker.Load load = loads.computeIfAbsent(worker.id(), id -> new Worker.Load());
		boolean becameAvailable = worker.ready() && (previous == null || !previous.ready());
		if (becameAvailable || load.idleSince == null) {
			load.idleSince = now;
		}
	}

	public Optional<Worker> worker(String id) {
		return Optional.ofNullable(workers.get(id));
	}

	/** Sets an employee's current load (rebuilt from the database, or after a change the engine did not make). */
	public void load(String employee, Map<String, Integer> perChannel) {
		Worker.Load load = loads.computeIfAbsent(employee, id -> new Worker.Load());
		load.perChannel.clear();
		load.perChannel.putAll(perChannel);
		load.total = perChannel.values().stream().mapToInt(Integer::intValue).sum();
	}

	/** A task of this channel was offered to or assigned to the employee. */
	public void took(String employee, String channel, Instant now) {
		Worker.Load load = loads.computeIfAbsent(employee, id -> new Worker.Load());
		load.perChannel.merge(channel, 1, Integer::sum);
		load.total++;
		load.handedOut++;
	}

	/** A task of this channel left the employee (completed, rejected, expired, returned). */
	public void released(String employee, String channel, Instant now) {
		Worker.Load load = loads.computeIfAbsent(employee, id -> new Worker.Load());
		load.perChannel.merge(channel, -1, (a, b) -> Math.max(0, a + b));
		load.total = Math.max(0, load.total - 1);
		load.idleSince = now;
	}

	/** Starts a new rolling window for least-occupied (e.g. at midnight). */
	public void resetHandedOut() {
		loads.values().forEach(load -> load.handedOut = 0);
	}

	/** Remembers who served a customer, for last-agent routing. */
	public void served(String customerId, String employee, Instant now) {
		if (customerId != null && lastAgentWindow != null) {
			lastAgents.put(customerId, new LastAgent(employee, now.plus(lastAgentWindow)));
		}
	}

	// ---- decisions

	/** The best task this employee may take now, or empty. */
	public Optional<UUID> bestTaskFor(String employee, Instant now) {
		Worker worker = workers.get(employee);
		if (worker == null || !worker.ready()) {
			return Optional.empty();
		}
		Optional<AgingOrderIndex.Entry> fitting = index.best(now,
				subject -> eligible(tasks.get(subject.taskId()), worker, now, true));
		if (fitting.isPresent()) {
			return fitting.map(AgingOrderIndex.Entry::taskId);
		}
		return index.best(now, subject -> eligible(tasks.get(subject.taskId()), worker, now, false))
			.map(AgingOrderIndex.Entry::taskId);
	}

	/** The best employee for this task now, or empty. */
	public Optional<String> bestEmployeeFor(UUID taskId, Instant now) {
		QueuedTask task = tasks.get(taskId);
		if (task == null) {
			return Optional.empty();
		}
		String preferred = preferredAgent(task, now);
		if (preferred != null && eligible(task, workers.get(preferred), now, false)) {
			return Optional.of(preferred);
		}
		Comparator<Worker> order = comparator(task);
		Worker best = null;
		boolean bestFits = false;
		for (Worker worker : workers.values()) {
			if (!eligible(task, worker, now, false)) {
				continue;
			}
			boolean fits = fitsShift(task, worker, now);
			if (best == null || fits && !bestFits || fits == bestFits && order.compare(worker, best) < 0) {
				best = worker;
				bestFits = fits;
			}
		}
		return Optional.ofNullable(best).map(Worker::id);
	}

	/** When the task's cascade widens next, or {@code null} when it is on its widest target. */
	public Instant nextWidening(UUID taskId, Instant now) {
		QueuedTask task = tasks.get(taskId);
		return task == null || task.targetStep() != null ? null : rules.get(task.profile()).nextWidening(task.waitingSince(), now);
	}

	/** The cascade step of a queued task now. */
	public int step(UUID taskId, Instant now) {
		QueuedTask task = tasks.get(taskId);
		return task == null ? -1 : rules.get(task.profile()).step(task.waitingSince(), now);
	}

	public RoutingRules rules(String profile) {
		return rules.get(profile);
	}

	// ---- rules

	boolean eligible(QueuedTask task, Worker worker, Instant now, boolean requireShiftFit) {
		if (task == null || worker == null || !worker.ready() || task.excluded().contains(worker.id())) {
			return false;
		}
		RoutingRules routing = rules.get(task.profile());
		if (!hasCapacity(worker, routing.channel())) {
			return false;
		}
		for (String skill : task.requiredSkills()) {
			if (worker.skills().getOrDefault(skill, 0) < 1) {
				return false;
			}
		}
		if (!targetMatches(task, routing, worker, now)) {
			return false;
		}
		if (!sameDepartment(task, worker) && !borrowingAllowed(task, worker, routing)) {
			return false;
		}
		return !requireShiftFit || fitsShift(task, worker, now);
	}

	/** The cascade step in force (or the task's fixed step) admits the worker; "everyone with the skills" admits all. */
	private static boolean targetMatches(QueuedTask task, RoutingRules routing, Worker worker, Instant now) {
		Integer fixed = task.targetStep();
		if (fixed != null && fixed == QueuedTask.ALL_WITH_SKILLS) {
			return true;
		}
		int step = fixed != null ? Math.min(fixed, routing.targets().size() - 1) : routing.step(task.waitingSince(), now);
		return routing.targets().get(step).matches(worker.skills());
	}

	private boolean hasCapacity(Worker worker, String channel) {
		Worker.Load load = loads.get(worker.id());
		int used = load == null ? 0 : load.perChannel.getOrDefault(channel, 0);
		int total = load == null ? 0 : load.total;
		return used < worker.channelCapacity().getOrDefault(channel, 0) && total < worker.totalCapacity();
	}

	private static boolean sameDepartment(QueuedTask task, Worker worker) {
		return task.department() == null || worker.department() == null || task.department().equals(worker.department());
	}

	private boolean borrowingAllowed(QueuedTask task, Worker worker, RoutingRules routing) {
		if (routing.borrowBelowPercent() == null) {
			return false;
		}
		boolean borrowerBehind = serviceLevels.ofProfile(task.profile()) < routing.borrowBelowPercent();
		int lendAt = routing.lendAtOrAbovePercent() == null ? 0 : routing.lendAtOrAbovePercent();
		boolean lenderAhead = serviceLevels.ofDepartment(worker.department()) >= lendAt;
		return borrowerBehind && lenderAhead;
	}

	private boolean fitsShift(QueuedTask task, Worker worker, Instant now) {
		Duration handle = rules.get(task.profile()).expectedHandleTime();
		return worker.shiftEnd() == null || handle == null || !now.plus(handle).isAfter(worker.shiftEnd());
	}

	/** Personal work's employee first, else the customer's last agent; the substitute of either while away. */
	private String preferredAgent(QueuedTask task, Instant now) {
		if (task.personalEmployee() != null) {
			return standIn(task.personalEmployee());
		}
		if (task.customerId() == null) {
			return null;
		}
		LastAgent last = lastAgents.get(task.customerId());
		if (last == null || now.isAfter(last.until())) {
			return null;
		}
		return standIn(last.employee());
	}

	private String standIn(String employee) {
		Worker worker = workers.get(employee);
		if (worker != null && worker.outOfOffice() && worker.substitute() != null) {
			return worker.substitute();
		}
		return employee;
	}

	private Comparator<Worker> comparator(QueuedTask task) {
		Comparator<Worker> longestIdle = Comparator.comparing(w -> idleSince(w.id()));
		return switch (strategy) {
			case LONGEST_IDLE -> longestIdle.thenComparing(Worker::id);
			case LEAST_OCCUPIED -> Comparator.<Worker>comparingInt(w -> handedOut(w.id())).thenComparing(longestIdle)
				.thenComparing(Worker::id);
			case BEST_PROFICIENCY -> Comparator.<Worker>comparingInt(w -> -proficiency(w, task)).thenComparing(longestIdle)
				.thenComparing(Worker::id);
		};
	}

	private Instant idleSince(String employee) {
		Worker.Load load = loads.get(employee);
		return load == null || load.idleSince == null ? Instant.MAX : load.idleSince;
	}

	private int handedOut(String employee) {
		Worker.Load load = loads.get(employee);
		return load == null ? 0 : load.handedOut;
	}

	private static int proficiency(Worker worker, QueuedTask task) {
		int sum = 0;
		for (String skill : task.requiredSkills()) {
			sum += worker.skills().getOrDefault(skill, 0);
		}
		return sum;
	}

}
