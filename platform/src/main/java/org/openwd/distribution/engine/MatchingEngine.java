package org.openwd.distribution.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.openwd.rules.priority.AgingOrderIndex;
import org.openwd.rules.priority.PriorityPolicy;

/**
 * Decides who gets what. Not thread-safe: one owner thread calls it (the distributor's decision loop). The cost of a
 * decision does not grow with the backlog: tasks are found through the aging-aware index (work proportional to the
 * number of aging classes plus the tasks a filter rejects), employees by scanning the ready ones.
 */
public final class MatchingEngine {

	/** The queued tasks, each with its {@link Queued} attached: the only per-task structure of the engine. */
	private final AgingOrderIndex index = new AgingOrderIndex();

	/** Profile name to its current rules; queued tasks point at the holder, so a profile change reaches them all. */
	private final Map<String, Profile> rules = new HashMap<>();

	/** Canonical instances of values many tasks share (skill sets, departments, employees). */
	private final Interner shared = new Interner(Interner.DEFAULT_LIMIT);

	private final Map<String, Worker> workers = new LinkedHashMap<>();

	private final Map<String, Worker.Load> loads = new HashMap<>();

	private final Map<String, LastAgent> lastAgents = new HashMap<>();

	private final ServiceLevels serviceLevels;

	private SelectionStrategy strategy;

	private Duration lastAgentWindow;

	private record LastAgent(String employee, Instant until) {
	}

	/** A routing profile's current rules; shared by its queued tasks. */
	private static final class Profile {

		RoutingRules rules;

		Profile(RoutingRules rules) {
			this.rules = rules;
		}

	}

	/**
	 * What the engine keeps of a queued task besides its priority (which the index keeps). Most tasks have no customer,
	 * rejecters, personal employee or fixed step: their attachment is a {@link Kind} shared by every task of the same
	 * profile, skills and department, so they cost the engine nothing of their own. The others get a 32-byte
	 * {@link WithExtras}.
	 */
	private sealed interface Queued permits Kind, WithExtras {

		int NO_STEP = Integer.MIN_VALUE;

		Kind kind();

		String customerId();

		Set<String> excluded();

		String personalEmployee();

		/** {@link QueuedTask#targetStep()}, {@link #NO_STEP} for {@code null}. */
		int targetStep();

		default Integer targetStepOrNull() {
			return targetStep() == NO_STEP ? null : targetStep();
		}

		static Queued of(Kind kind, String customerId, Set<String> excluded, String personalEmployee, Integer targetStep) {
			if (customerId == null && excluded.isEmpty() && personalEmployee == null && targetStep == null) {
				return kind;
			}
			return new WithExtras(kind, customerId, excluded.isEmpty() ? Set.of() : excluded, personalEmployee,
					targetStep == null ? NO_STEP : targetStep);
		}

	}

	/** Profile (by identity), required skills and department: shared, interned. */
	private record Kind(Profile profile, Set<String> requiredSkills, String department) implements Queued {

		@Override
		public Kind kind() {
			return this;
		}

		@Override
		public String customerId() {
			return null;
		}

		@Override
		public Set<String> excluded() {
			return Set.of();
		}

		@Override
		public String personalEmployee() {
			return null;
		}

		@Override
		public int targetStep() {
			return NO_STEP;
		}

	}

	private record WithExtras(Kind kind, String customerId, Set<String> excluded, String personalEmployee, int targetStep)
			implements Queued {
	}

	public MatchingEngine(SelectionStrategy strategy, Duration lastAgentWindow, ServiceLevels serviceLevels) {
		this.strategy = Objects.requireNonNull(strategy);
		this.lastAgentWindow = lastAgentWindow;
		this.serviceLevels = serviceLevels;
	}

	// ---- configuration

	public void profile(RoutingRules routing, PriorityPolicy policy) {
		index.replacePolicy(routing.name(), policy);
		Profile profile = rules.get(routing.name());
		if (profile == null) {
			rules.put(routing.name(), new Profile(routing));
		}
		else {
			profile.rules = routing;
		}
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
		Profile profile = rules.get(task.profile());
		if (profile == null) {
			throw new IllegalArgumentException("unknown routing profile " + task.profile());
		}
		Kind kind = shared.intern(new Kind(profile, shared.intern(task.requiredSkills()), shared.intern(task.department())));
		Queued queued = Queued.of(kind, task.customerId(), task.excluded(), shared.intern(task.personalEmployee()),
				task.targetStep());
		index.update(task.profile(), task.priority(), queued);
	}

	/** Removes a task (offered, assigned, held, closed ...); {@code false} if it was not queued. */
	public boolean dequeue(UUID taskId) {
		return index.remove(taskId);
	}

	/** The queued task as it was queued (rebuilt from the compact form the engine keeps), or empty. */
	public Optional<QueuedTask> task(UUID taskId) {
		Queued queued = queued(taskId);
		if (queued == null) {
			return Optional.empty();
		}
		Kind kind = queued.kind();
		return index.get(taskId).map(subject -> new QueuedTask(subject, kind.profile().rules.name(), kind.requiredSkills(),
				kind.department(), queued.customerId(), queued.excluded(), queued.personalEmployee(), queued.targetStepOrNull()));
	}

	public int queuedCount() {
		return index.size();
	}

	private Queued queued(UUID taskId) {
		return (Queued) index.attachment(taskId);
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
		if (worker == null || !worker.ready() || !hasAnyCapacity(worker)) {
			// a full employee fits no task: answer before the filter would reject every queued task twice (the
			// distributor asks again after each offer until the answer is empty, so this is the common last call)
			return Optional.empty();
		}
		Optional<UUID> fitting = index.bestId(now,
				(queued, waitingNanos) -> eligible((Queued) queued, waitingNanos, worker, now, true));
		if (fitting.isPresent()) {
			return fitting;
		}
		return index.bestId(now, (queued, waitingNanos) -> eligible((Queued) queued, waitingNanos, worker, now, false));
	}

	/** The best employee for this task now, or empty. */
	public Optional<String> bestEmployeeFor(UUID taskId, Instant now) {
		Queued task = queued(taskId);
		if (task == null) {
			return Optional.empty();
		}
		long waitingNanos = waitingNanos(taskId);
		String preferred = preferredAgent(task, now);
		if (preferred != null && eligible(task, waitingNanos, workers.get(preferred), now, false)) {
			return Optional.of(preferred);
		}
		Comparator<Worker> order = comparator(task);
		Worker best = null;
		boolean bestFits = false;
		for (Worker worker : workers.values()) {
			if (!eligible(task, waitingNanos, worker, now, false)) {
				continue;
			}
			boolean fits = fitsShift(task.kind().profile().rules, worker, now);
			if (best == null || fits && !bestFits || fits == bestFits && order.compare(worker, best) < 0) {
				best = worker;
				bestFits = fits;
			}
		}
		return Optional.ofNullable(best).map(Worker::id);
	}

	/** When the task's cascade widens next, or {@code null} when it is on its widest target. */
	public Instant nextWidening(UUID taskId, Instant now) {
		Queued task = queued(taskId);
		return task == null || task.targetStep() != Queued.NO_STEP ? null
				: task.kind().profile().rules.nextWidening(AgingOrderIndex.instantOfNanos(waitingNanos(taskId)), now);
	}

	/** The cascade step of a queued task now. */
	public int step(UUID taskId, Instant now) {
		Queued task = queued(taskId);
		return task == null ? -1 : task.kind().profile().rules.step(AgingOrderIndex.instantOfNanos(waitingNanos(taskId)), now);
	}

	public RoutingRules rules(String profile) {
		Profile known = rules.get(profile);
		return known == null ? null : known.rules;
	}

	private long waitingNanos(UUID taskId) {
		return index.waitingSinceNanos(taskId);
	}

	// ---- rules

	private boolean eligible(Queued task, long waitingNanos, Worker worker, Instant now, boolean requireShiftFit) {
		if (task == null || worker == null || !worker.ready() || task.excluded().contains(worker.id())) {
			return false;
		}
		Kind kind = task.kind();
		RoutingRules routing = kind.profile().rules;
		if (!hasCapacity(worker, routing.channel())) {
			return false;
		}
		for (String skill : kind.requiredSkills()) {
			if (worker.skills().getOrDefault(skill, 0) < 1) {
				return false;
			}
		}
		if (!targetMatches(task, waitingNanos, routing, worker, now)) {
			return false;
		}
		if (!sameDepartment(kind, worker) && !borrowingAllowed(worker, routing)) {
			return false;
		}
		return !requireShiftFit || fitsShift(routing, worker, now);
	}

	/** The cascade step in force (or the task's fixed step) admits the worker; "everyone with the skills" admits all. */
	private static boolean targetMatches(Queued task, long waitingNanos, RoutingRules routing, Worker worker, Instant now) {
		int fixed = task.targetStep();
		if (fixed == QueuedTask.ALL_WITH_SKILLS) {
			return true;
		}
		int last = routing.targets().size() - 1;
		int step;
		if (fixed != Queued.NO_STEP) {
			step = Math.min(fixed, last);
		}
		else {
			step = last == 0 ? 0 : routing.step(AgingOrderIndex.instantOfNanos(waitingNanos), now);
		}
		return routing.targets().get(step).matches(worker.skills());
	}

	/** Free capacity in total and on at least one channel. */
	private boolean hasAnyCapacity(Worker worker) {
		Worker.Load load = loads.get(worker.id());
		if (load != null && load.total >= worker.totalCapacity()) {
			return false;
		}
		for (Map.Entry<String, Integer> channel : worker.channelCapacity().entrySet()) {
			if ((load == null ? 0 : load.perChannel.getOrDefault(channel.getKey(), 0)) < channel.getValue()) {
				return true;
			}
		}
		return false;
	}

	private boolean hasCapacity(Worker worker, String channel) {
		Worker.Load load = loads.get(worker.id());
		int used = load == null ? 0 : load.perChannel.getOrDefault(channel, 0);
		int total = load == null ? 0 : load.total;
		return used < worker.channelCapacity().getOrDefault(channel, 0) && total < worker.totalCapacity();
	}

	private static boolean sameDepartment(Kind task, Worker worker) {
		return task.department() == null || worker.department() == null || task.department().equals(worker.department());
	}

	private boolean borrowingAllowed(Worker worker, RoutingRules routing) {
		if (routing.borrowBelowPercent() == null) {
			return false;
		}
		boolean borrowerBehind = serviceLevels.ofProfile(routing.name()) < routing.borrowBelowPercent();
		int lendAt = routing.lendAtOrAbovePercent() == null ? 0 : routing.lendAtOrAbovePercent();
		boolean lenderAhead = serviceLevels.ofDepartment(worker.department()) >= lendAt;
		return borrowerBehind && lenderAhead;
	}

	private static boolean fitsShift(RoutingRules routing, Worker worker, Instant now) {
		Duration handle = routing.expectedHandleTime();
		return worker.shiftEnd() == null || handle == null || !now.plus(handle).isAfter(worker.shiftEnd());
	}

	/** Personal work's employee first, else the customer's last agent; the substitute of either while away. */
	private String preferredAgent(Queued task, Instant now) {
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

	private Comparator<Worker> comparator(Queued task) {
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

	private static int proficiency(Worker worker, Queued task) {
		int sum = 0;
		for (String skill : task.kind().requiredSkills()) {
			sum += worker.skills().getOrDefault(skill, 0);
		}
		return sum;
	}

}
