package org.openwd.distribution.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.common.AfterCommit;
import org.openwd.distribution.engine.MatchingEngine;
import org.openwd.distribution.engine.QueuedTask;
import org.openwd.distribution.engine.RoutingRules;
import org.openwd.distribution.engine.Worker;
import org.openwd.inbox.LiveChannel;
import org.openwd.presence.EmployeeChanged;
import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceChanged;
import org.openwd.presence.PresenceState;
import org.openwd.rules.RoutingProfile;
import org.openwd.rules.RoutingProfiles;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.OpenAssignment;
import org.openwd.task.QueuedTaskIndex;
import org.openwd.task.QueuedTaskView;
import org.openwd.task.TaskAction;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.openwd.task.TaskUpdated;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The decision loop. Every trigger (a task queued, an employee ready or freed, a cascade widening, an offer rejected or
 * expired) becomes a job on one thread that owns the matching engine, so decisions need no locks and see a consistent
 * picture. Each decision is committed by {@link OfferWriter} before anything is pushed; if the database refuses (another
 * node was faster, capacity changed), the engine re-reads the facts and decides again. Decisions are committed in
 * rounds: as soon as no other trigger waits, or when {@code openwd.distribution.round-size} decisions are taken, so a
 * burst of triggers (a shift start: thousands of employees going ready) shares transactions, and a lone trigger is
 * committed at once. No polling: the only timers are the exact moments a cascade widens or an offer expires.
 */
@Component
public class Distributor implements DisposableBean, QueuedTaskIndex {

	private static final Logger log = LoggerFactory.getLogger(Distributor.class);

	/** Task attribute naming the employee personal work is meant for. */
	public static final String PERSONAL_EMPLOYEE = QueuedTaskView.PERSONAL_EMPLOYEE;

	private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "openwd-distributor");
		thread.setDaemon(true);
		return thread;
	});

	/** Pushes leave the loop in order, on their own thread: serialising and routing a STOMP frame is not a decision. */
	private final java.util.concurrent.ExecutorService pushes = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "openwd-offer-push");
		thread.setDaemon(true);
		return thread;
	});

	private final MatchingEngine engine;

	private final GlobalTaskList tasks;

	private final Employees employees;

	private final RoutingProfiles catalog;

	private final OfferWriter writer;

	private final ObjectProvider<LiveChannel> live;

	private final DistributionProperties properties;

	private final ServiceLevelBoard serviceLevels;

	private final Clock clock;

	private final Map<UUID, Set<String>> rejecters = new ConcurrentHashMap<>();

	private final Map<UUID, ScheduledFuture<?>> widenings = new HashMap<>();

	private final Map<UUID, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();

	private final Map<String, Integer> profileVersions = new HashMap<>();

	/** Set on the loop when the start-up rebuild is complete (or never, when distribution is disabled). */
	private volatile boolean started;

	/** Decisions taken but not yet committed (loop thread only): see {@link #flushRound()}. */
	private final List<PendingOffer> round = new ArrayList<>();

	/** Offers this node committed whose own change event is still to come (loop thread only). */
	private final Set<UUID> committedHere = new HashSet<>();

	/** Triggers submitted and not yet run; a round is committed when none is waiting. */
	private final AtomicInteger waiting = new AtomicInteger();

	/** Employees whose presence or profile changed, re-read together by one job. */
	private final Set<String> toRefresh = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean refreshQueued = new AtomicBoolean();

	private record PendingOffer(OfferWriter.Decision decision, QueuedTask queued) {
	}

	/** Jobs that arrived before the rebuild was complete (loop thread only). */
	private final List<Runnable> parked = new ArrayList<>();

	/**
	 * How many rebuild batches may wait for the loop at once (bounds the memory the reading thread can run ahead: 16 of
	 * 5,000 tasks are a few tens of MB), enough that the reader rarely waits for the loop.
	 */
	private final java.util.concurrent.Semaphore rebuildPermits = new java.util.concurrent.Semaphore(16);

	private volatile long rebuildBegun;

	/** CPU time the rebuild cost the loop thread (loop thread only). */
	private long rebuildCpu;

	Distributor(GlobalTaskList tasks, Employees employees, RoutingProfiles catalog, OfferWriter writer,
			ObjectProvider<LiveChannel> live, DistributionProperties properties, ServiceLevelBoard serviceLevels, Clock clock) {
		this.tasks = tasks;
		this.employees = employees;
		this.catalog = catalog;
		this.writer = writer;
		this.live = live;
		this.properties = properties;
		this.serviceLevels = serviceLevels;
		this.clock = clock;
		this.engine = new MatchingEngine(properties.strategy(), properties.lastAgentWindow(), serviceLevels);
	}

	// ---- life cycle: the start-up rebuild (the task list reads the queued tasks once for every QueuedTaskIndex)

	@Override
	public void rebuildStarting() {
		if (!properties.enabled()) {
			log.info("Push distribution is disabled (openwd.distribution.enabled=false)");
			return;
		}
		rebuildBegun = System.nanoTime();
		loop.execute(() -> guarded(() -> {
			long cpu = cpuNanos();
			syncProfiles();
			Instant now = clock.instant();
			for (EmployeeSnapshot employee : employees.all()) {
				engine.worker(worker(employee), now);
				engine.load(employee.id(), Map.of());
			}
			// every employee's load and every offer timer from one query, instead of one query per employee
			Map<String, Map<String, Integer>> loads = new HashMap<>();
			for (OpenAssignment open : tasks.openAssignments()) {
				loads.computeIfAbsent(open.employee(), e -> new HashMap<>()).merge(writer.channelOf(open.routingProfile()), 1,
						Integer::sum);
				if (open.state() == TaskState.OFFERED) {
					armExpiry(open.id().value(), open.employee(), open.offerExpiresAt());
				}
			}
			loads.forEach(engine::load);
			rebuildCpu += cpuNanos() - cpu;
		}));
	}

	/**
	 * Called on the reading thread; the batch is queued into the engine on the loop, at most a few batches ahead of it.
	 * Triggers that arrive meanwhile wait (see {@link #submit}) and run after the last batch, each re-reading its task.
	 */
	@Override
	public void rebuildBatch(List<QueuedTaskView> batch) {
		if (!properties.enabled()) {
			return;
		}
		rebuildPermits.acquireUninterruptibly();
		try {
			loop.execute(() -> {
				try {
					long cpu = cpuNanos();
					guarded(() -> batch.forEach(this::queue));
					rebuildCpu += cpuNanos() - cpu;
				}
				finally {
					rebuildPermits.release();
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			rebuildPermits.release();
			throw ex;
		}
	}

	@Override
	public void rebuildFinished(long count) {
		if (!properties.enabled()) {
			return;
		}
		loop.execute(() -> run(() -> {
			started = true;
			// the read began while the application was starting: profiles and employees created since (the application
			// runners seed them on a new database) are taken in now, before anyone is offered work
			syncProfiles();
			List<EmployeeSnapshot> all = employees.all();
			Instant now = clock.instant();
			for (EmployeeSnapshot employee : all) {
				engine.worker(worker(employee), now);
			}
			log.info("Distribution started: {} queued tasks, {} employees in {} ms (loop CPU {} ms)", engine.queuedCount(),
					all.size(), (System.nanoTime() - rebuildBegun) / 1_000_000, rebuildCpu / 1_000_000);
			List<Runnable> parkedJobs = new ArrayList<>(parked);
			parked.clear();
			for (EmployeeSnapshot employee : all) {
				if (employee.presence() == PresenceState.READY) {
					fillEmployee(employee.id());
				}
			}
			parkedJobs.forEach(Distributor::guarded);
		}));
	}

	@Override
	public void destroy() {
		loop.shutdownNow();
		pushes.shutdown();
	}

	// ---- triggers

	// The triggers are plain listeners that hand over after commit: the loop's state is rebuilt from the database at
	// start-up, so a durable publication would add two writes per event and no guarantee.

	@EventListener
	void on(TaskStateChanged event) {
		AfterCommit.run(() -> submit(() -> {
			serviceLevels.record(event, tasks);
			if (event.from() == TaskState.QUEUED && committedHere.remove(event.taskId().value())) {
				return; // this loop's own offer: the engine already holds what the event says
			}
			if (event.action() == TaskAction.ACCEPT && event.from() == TaskState.OFFERED && event.to() == TaskState.ASSIGNED
					&& event.previousEmployee() == null) {
				// an offer accepted by the employee it was made to: they held it already (their load is unchanged) and
				// the task left the queue when it was offered, so there is nothing to re-read, only the expiry to drop.
				// (At a shift start every offer is accepted: two queries each on this thread, before the next offers.)
				cancelExpiry(event.taskId().value());
				return;
			}
			if (event.employee() != null) {
				refreshLoad(event.employee());
			}
			if (event.previousEmployee() != null) {
				refreshLoad(event.previousEmployee());
			}
			if (event.action() == TaskAction.DECLINE && event.employee() != null) {
				rejecters.computeIfAbsent(event.taskId().value(), id -> ConcurrentHashMap.newKeySet()).add(event.employee());
			}
			if (event.from() == TaskState.OFFERED) {
				cancelExpiry(event.taskId().value());
			}
			if (event.to().isTerminal()) {
				rejecters.remove(event.taskId().value());
			}
			if (event.to() == TaskState.QUEUED || engine.task(event.taskId().value()).isPresent()) {
				reconcile(event.taskId());
			}
			// otherwise the engine does not hold the task and this change did not queue it: the read would only confirm
			// that (a completion, a cancel, a hold); a later change that queues it again brings its own event
			if (event.employee() != null && event.to() != TaskState.OFFERED && event.to() != TaskState.ASSIGNED) {
				fillEmployee(event.employee());
			}
			if (event.previousEmployee() != null) {
				fillEmployee(event.previousEmployee());
			}
		}));
	}

	@EventListener
	void on(TaskUpdated event) {
		AfterCommit.run(() -> submit(() -> reconcile(event.taskId())));
	}

	@EventListener
	void on(PresenceChanged event) {
		AfterCommit.run(() -> refreshLater(event.employeeId()));
	}

	@EventListener
	void on(EmployeeChanged event) {
		AfterCommit.run(() -> refreshLater(event.employeeId()));
	}

	/** Picks up routing-profile edits (cheap: compares versions of the in-memory catalog). */
	@Scheduled(fixedDelayString = "${openwd.distribution.profile-sync:PT1S}")
	void profileSync() {
		if (started) {
			submit(this::syncProfiles);
		}
	}

	/** Another node changed a task: re-read it and the employees concerned. */
	@EventListener
	void on(org.openwd.messaging.RemoteTaskChange change) {
		if (!started) {
			return;
		}
		String employee = change.employee();
		String previousEmployee = change.previousEmployee();
		submit(() -> {
			for (String person : new String[] { employee, previousEmployee }) {
				if (person != null && !person.isBlank()) {
					refreshLoad(person);
				}
			}
			reconcile(change.taskId());
			for (String person : new String[] { employee, previousEmployee }) {
				if (person != null && !person.isBlank()) {
					fillEmployee(person);
				}
			}
		});
	}

	/** Another node changed an employee's presence. */
	@EventListener
	void on(org.openwd.messaging.RemotePresenceChange change) {
		if (started) {
			refreshLater(change.employeeId());
		}
	}

	// ---- what the inbox and supervisors call

	/** Pull mode ("get next"): assigns the best task for the caller now, never a list to choose from. */
	public Optional<TaskSnapshot> next(String employee) {
		return call(() -> {
			reloadEmployee(employee);
			for (int attempt = 0; attempt < 5; attempt++) {
				Optional<UUID> best = engine.bestTaskFor(employee, clock.instant());
				if (best.isEmpty()) {
					return Optional.<TaskSnapshot>empty();
				}
				OfferWriter.Result result = writer.commit(new TaskId(best.get()), employee, null, true, employee, true);
				if (result.committed()) {
					took(result.task(), employee);
					return Optional.of(result.task());
				}
				reconcile(new TaskId(best.get()));
				reloadEmployee(employee);
			}
			return Optional.<TaskSnapshot>empty();
		});
	}

	/** Supervisor assignment (capacity still applies; presence does not). */
	public TaskSnapshot assign(TaskId task, String employee, String actor) {
		return call(() -> {
			OfferWriter.Result result = writer.commit(task, employee, null, true, actor, false);
			if (!result.committed()) {
				throw new DistributionRefusedException(switch (result.refusal()) {
					case NOT_READY -> "Employee " + employee + " does not exist";
					case NO_CAPACITY -> "Employee " + employee + " has no free capacity for this task";
					case TASK_CHANGED -> "Task " + task + " cannot be assigned in its current state";
				});
			}
			took(result.task(), employee);
			return result.task();
		});
	}

	/** For tests and the supervisor view: how many tasks the engine holds as queued. */
	public int queuedInEngine() {
		return call(engine::queuedCount);
	}

	// ---- decisions (on the loop thread only)

	private void reconcile(TaskId id) {
		Optional<TaskSnapshot> task = tasks.find(id);
		if (task.isPresent() && task.get().state() == TaskState.QUEUED) {
			queue(task.get());
			decideTask(id.value());
		}
		else {
			engine.dequeue(id.value());
			cancelWidening(id.value());
		}
	}

	private void queue(TaskSnapshot task) {
		queue(QueuedTaskView.of(task));
	}

	private void queue(QueuedTaskView task) {
		if (task.routingProfile() == null || !engine.knowsProfile(task.routingProfile())) {
			catalog.refresh();
			syncProfiles();
			if (task.routingProfile() == null || !engine.knowsProfile(task.routingProfile())) {
				log.warn("Task {} has no known routing profile ({}); it cannot be distributed", task.id(), task.routingProfile());
				return;
			}
		}
		PrioritySubject subject = new PrioritySubject(task.id().value(), task.waitingSince(), task.businessValue(),
				task.slaWarningAt(), task.dueTime(), task.priorityPinned(), task.priorityBoost(), List.of());
		engine.queue(new QueuedTask(subject, task.routingProfile(), task.requiredSkills(), task.department(), task.customerId(),
				rejecters.getOrDefault(task.id().value(), Set.of()), task.personalEmployee(), task.targetStep()));
	}

	private void decideTask(UUID taskId) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Instant now = clock.instant();
			Optional<String> employee = engine.bestEmployeeFor(taskId, now);
			if (employee.isEmpty()) {
				armWidening(taskId, now);
				return;
			}
			if (offer(taskId, employee.get())) {
				return;
			}
		}
	}

	private void fillEmployee(String employee) {
		Optional<Worker> worker = engine.worker(employee);
		if (worker.isEmpty() || !worker.get().ready() || pullMode(worker.get())) {
			return;
		}
		for (int offers = 0; offers < 20; offers++) {
			Optional<UUID> task = engine.bestTaskFor(employee, clock.instant());
			if (task.isEmpty() || !offer(task.get(), employee) && engine.worker(employee).map(w -> !w.ready()).orElse(true)) {
				return;
			}
		}
	}

	/**
	 * Takes a decision: the engine counts the task as gone and the employee as holding it at once, and the offer (or
	 * the assignment, with auto-accept) joins the round that {@link #flushRound()} commits.
	 */
	private boolean offer(UUID taskId, String employee) {
		QueuedTask queued = engine.task(taskId).orElse(null);
		Worker worker = engine.worker(employee).orElse(null);
		if (queued == null || worker == null || pullMode(worker)) {
			return false;
		}
		RoutingRules rules = engine.rules(queued.profile());
		Instant now = clock.instant();
		Instant expiresAt = now.plus(rules.offerTimeout() == null ? Duration.ofSeconds(30) : rules.offerTimeout());
		String channel = writer.channelOf(queued.profile());
		engine.dequeue(taskId);
		cancelWidening(taskId);
		engine.took(employee, channel, now);
		round.add(new PendingOffer(new OfferWriter.Decision(new TaskId(taskId), employee, channel, expiresAt, rules.autoAccept()),
				queued));
		if (round.size() >= properties.roundSize()) {
			flushRound();
		}
		return true;
	}

	/**
	 * Commits the decisions taken so far in one transaction ({@link OfferWriter#commitAll}), then pushes the offers. A
	 * refused decision (the employee went away or is full, the task changed) makes the engine re-read that employee
	 * and that task, which may decide again into the next round. Called when no trigger is waiting or the round is
	 * full, so a lone decision is committed as soon as it is taken, and a burst (a shift start) shares transactions.
	 */
	private void flushRound() {
		for (int pass = 0; pass < 5 && !round.isEmpty(); pass++) {
			List<PendingOffer> pending = new ArrayList<>(round);
			round.clear();
			List<OfferWriter.Result> results;
			try {
				results = writer.commitAll(pending.stream().map(PendingOffer::decision).toList());
			}
			catch (RuntimeException ex) {
				log.warn("A round of {} offers could not be committed; its tasks stay queued and are retried", pending.size(), ex);
				undo(pending);
				return;
			}
			Set<String> refusedEmployees = new LinkedHashSet<>();
			List<UUID> refusedTasks = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				OfferWriter.Decision decision = pending.get(i).decision();
				OfferWriter.Result result = results.get(i);
				if (result.committed()) {
					committedHere.add(decision.task().value());
					handedOver(result.task(), decision.employee());
				}
				else {
					log.debug("Offer of {} to {} refused: {}", decision.task(), decision.employee(), result.refusal());
					refusedEmployees.add(decision.employee());
					refusedTasks.add(decision.task().value());
				}
			}
			refusedEmployees.forEach(this::reloadEmployee);
			refusedTasks.forEach(id -> reconcile(new TaskId(id)));
		}
	}

	/** A round that could not be committed: its tasks go back into the engine and are decided again shortly. */
	private void undo(List<PendingOffer> pending) {
		Set<String> people = new LinkedHashSet<>();
		for (PendingOffer offer : pending) {
			engine.queue(offer.queued());
			people.add(offer.decision().employee());
		}
		for (String person : people) {
			try {
				reloadEmployee(person);
			}
			catch (RuntimeException ex) {
				log.debug("Employee {} could not be re-read: {}", person, ex.getMessage());
			}
		}
		loop.schedule(() -> run(() -> pending.forEach(offer -> {
			UUID id = offer.decision().task().value();
			if (engine.task(id).isPresent()) {
				decideTask(id);
			}
		})), 1, TimeUnit.SECONDS);
	}

	/** Committed right away (pull mode, supervisor assignment): the engine learns it as a round's decision would. */
	private void took(TaskSnapshot task, String employee) {
		engine.dequeue(task.id().value());
		cancelWidening(task.id().value());
		engine.took(employee, writer.channel(task), clock.instant());
		handedOver(task, employee);
	}

	private void handedOver(TaskSnapshot task, String employee) {
		engine.served(task.customerId(), employee, clock.instant());
		if (task.state() == TaskState.OFFERED) {
			armExpiry(task);
			push(employee, "offer", task);
		}
		else {
			push(employee, "assigned", task);
		}
	}

	private void refreshLater(String id) {
		toRefresh.add(id);
		if (refreshQueued.compareAndSet(false, true)) {
			submit(this::refreshPending);
		}
	}

	/** Re-reads every employee whose presence or profile changed (two queries for all), then offers the ready ones work. */
	private void refreshPending() {
		refreshQueued.set(false);
		List<String> ids = new ArrayList<>(toRefresh);
		toRefresh.removeAll(ids);
		if (ids.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		Map<String, Map<String, Integer>> loads = writer.loads(ids);
		List<String> ready = new ArrayList<>();
		for (EmployeeSnapshot employee : employees.findAll(ids)) {
			engine.worker(worker(employee), now);
			engine.load(employee.id(), withRound(employee.id(), loads.getOrDefault(employee.id(), Map.of())));
			if (employee.presence() == PresenceState.READY) {
				ready.add(employee.id());
			}
		}
		ready.forEach(this::fillEmployee);
	}

	/** Re-reads an employee's presence, profile and load into the engine; {@code true} if they are ready. */
	private boolean reloadEmployee(String id) {
		Optional<EmployeeSnapshot> employee = employees.find(id);
		if (employee.isEmpty()) {
			return false;
		}
		engine.worker(worker(employee.get()), clock.instant());
		engine.load(id, withRound(id, writer.load(id)));
		return employee.get().presence() == PresenceState.READY;
	}

	private void refreshLoad(String id) {
		engine.load(id, withRound(id, writer.load(id)));
	}

	/** The load from the database plus this round's decisions for the employee, which it does not show yet. */
	private Map<String, Integer> withRound(String employee, Map<String, Integer> committed) {
		Map<String, Integer> load = null;
		for (PendingOffer offer : round) {
			if (offer.decision().employee().equals(employee)) {
				if (load == null) {
					load = new HashMap<>(committed);
				}
				load.merge(offer.decision().channel(), 1, Integer::sum);
			}
		}
		return load == null ? committed : load;
	}

	private void syncProfiles() {
		for (Map.Entry<String, RoutingProfiles.Versioned> entry : catalog.all().entrySet()) {
			Integer known = profileVersions.get(entry.getKey());
			if (known != null && known == entry.getValue().version()) {
				continue;
			}
			RoutingProfile profile = entry.getValue().profile();
			try {
				List<String> targets = new ArrayList<>();
				List<Duration> waits = new ArrayList<>();
				profile.targets().forEach(t -> targets.add(t.skills()));
				for (int i = 0; i < profile.targets().size() - 1; i++) {
					waits.add(profile.targets().get(i).waitBeforeWidening());
				}
				RoutingProfile.Priority p = profile.priority();
				engine.profile(RoutingRules.of(profile.name(), targets, waits, profile.borrowBelowPercent(),
						profile.lendAtOrAbovePercent(), profile.channel(), profile.expectedHandleTime(), profile.offerTimeout(),
						profile.autoAccept()), new PriorityPolicy(p.start(), p.increment(), p.interval(), p.max(), p.valueWeight(),
								profile.campaigns().stream()
									.map(c -> new org.openwd.rules.priority.CampaignBoost(c.name(), c.boost(), c.endsAt()))
									.toList()));
				profileVersions.put(entry.getKey(), entry.getValue().version());
				// the observable of "a profile change is applied": the engine re-keys the profile's tasks in O(1)
				log.info("Routing profile {} version {} applied to distribution", entry.getKey(), entry.getValue().version());
			}
			catch (IllegalArgumentException ex) {
				log.error("Routing profile {} cannot be used for distribution: {}", entry.getKey(), ex.getMessage());
			}
		}
	}

	// ---- timers

	private void armWidening(UUID taskId, Instant now) {
		Instant at = engine.nextWidening(taskId, now);
		cancelWidening(taskId);
		if (at != null) {
			long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
			widenings.put(taskId, loop.schedule(() -> run(() -> {
				widenings.remove(taskId);
				if (engine.task(taskId).isPresent()) {
					decideTask(taskId);
				}
			}), delay, TimeUnit.MILLISECONDS));
		}
	}

	private void cancelWidening(UUID taskId) {
		ScheduledFuture<?> future = widenings.remove(taskId);
		if (future != null) {
			future.cancel(false);
		}
	}

	private void armExpiry(TaskSnapshot task) {
		armExpiry(task.id().value(), task.assignedEmployee(), task.offerExpiresAt());
	}

	private void armExpiry(UUID id, String employee, Instant expiresAt) {
		if (expiresAt == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis());
		cancelExpiry(id);
		expiries.put(id, loop.schedule(() -> run(() -> expire(id, employee)), delay, TimeUnit.MILLISECONDS));
	}

	private void cancelExpiry(UUID taskId) {
		ScheduledFuture<?> future = expiries.remove(taskId);
		if (future != null) {
			future.cancel(false);
		}
	}

	private void expire(UUID taskId, String employee) {
		expiries.remove(taskId);
		Optional<TaskSnapshot> task = tasks.find(new TaskId(taskId));
		if (task.isEmpty() || task.get().state() != TaskState.OFFERED || !employee.equals(task.get().assignedEmployee())) {
			return;
		}
		if (task.get().offerExpiresAt() != null && task.get().offerExpiresAt().isAfter(clock.instant())) {
			armExpiry(task.get());
			return;
		}
		try {
			tasks.expireOffer(new TaskId(taskId));
			push(employee, "offer-expired", task.get());
			if (properties.missedOfferPresence()) {
				employees.changePresence(employee, PresenceState.NOT_READY, "missed-offer", "system");
			}
		}
		catch (RuntimeException ex) {
			log.debug("Offer {} changed before it could expire: {}", taskId, ex.getMessage());
		}
	}

	// ---- helpers

	private boolean pullMode(Worker worker) {
		return worker.department() != null && properties.pullDepartments().contains(worker.department());
	}

	private void push(String employee, String type, TaskSnapshot task) {
		LiveChannel channel = live.getIfAvailable();
		if (channel == null) {
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("taskId", task.id().toString());
		body.put("title", task.title());
		body.put("type", task.type());
		body.put("state", task.state());
		body.put("routingProfile", task.routingProfile());
		body.put("customerId", task.customerId());
		body.put("dueTime", task.dueTime());
		body.put("offerExpiresAt", task.offerExpiresAt());
		try {
			pushes.execute(() -> {
				try {
					channel.toEmployee(employee, type, body);
				}
				catch (RuntimeException ex) {
					log.warn("Live push of {} to {} failed; the inbox re-syncs on reconnect", type, employee, ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
			log.debug("Live push of {} to {} dropped at shutdown; the inbox re-syncs on reconnect", type, employee);
		}
	}


	private static Worker worker(EmployeeSnapshot e) {
		return new Worker(e.id(), e.department(), e.skills(), e.channelCapacity(), e.totalCapacity(), e.shiftEnd(),
				e.presence() == PresenceState.READY && !e.outOfOffice(), e.substitute(), e.outOfOffice());
	}

	/** Runs a job on the loop; until the start-up rebuild is complete it waits there, so it sees the whole queue. */
	private void submit(Runnable job) {
		waiting.incrementAndGet();
		loop.execute(() -> {
			waiting.decrementAndGet();
			runOrPark(() -> run(job));
		});
	}

	private void runOrPark(Runnable job) {
		if (started || !properties.enabled()) {
			job.run();
		}
		else {
			parked.add(job);
		}
	}

	private static long cpuNanos() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
	}

	private static void guarded(Runnable job) {
		try {
			job.run();
		}
		catch (RuntimeException ex) {
			log.error("Distribution job failed", ex);
		}
	}

	/** Runs a job on the loop; afterwards commits the round if no other trigger is waiting (or the round is full). */
	private void run(Runnable job) {
		try {
			job.run();
		}
		catch (RuntimeException ex) {
			log.error("Distribution job failed", ex);
		}
		try {
			if (!round.isEmpty() && waiting.get() == 0) {
				flushRound();
			}
		}
		catch (RuntimeException ex) {
			log.error("Committing a round of offers failed", ex);
		}
		if (!round.isEmpty() && waiting.get() == 0) {
			submit(() -> { }); // decisions taken while the round was being committed: commit them next
		}
	}

	private <T> T call(Supplier<T> job) {
		try {
			java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(() -> {
				try {
					return job.get();
				}
				finally {
					run(() -> { }); // commits the round this call's decisions joined
				}
			});
			loop.execute(() -> runOrPark(task));
			return task.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Distribution did not answer in time", ex);
		}
	}

}
