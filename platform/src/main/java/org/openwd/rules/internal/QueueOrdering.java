package org.openwd.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.common.AfterCommit;
import org.openwd.rules.RoutingProfile;
import org.openwd.rules.SkillExpression;
import org.openwd.rules.internal.RuleCatalog.Versioned;
import org.openwd.rules.priority.CampaignBoost;
import org.openwd.rules.priority.PriorityCalculator;
import org.openwd.rules.priority.PriorityExplanation;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.QueuedTaskIndex;
import org.openwd.task.QueuedTaskView;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.openwd.task.TaskUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The queue in priority order, in memory: every QUEUED task in the aging-aware index, so finding "the best tasks now"
 * costs no database read and aging costs no writes. Only what the order and the employee filter need is kept per task
 * ({@link QueueOrder}); the snapshots of the few tasks a query returns are read from the task list. Built from the
 * database at start-up and kept current from task events; each event re-reads the task, so late or repeated events
 * cannot corrupt it. Routing-profile changes re-key only that profile's aging classes.
 */
@Component
public class QueueOrdering implements QueuedTaskIndex {

	private static final Logger log = LoggerFactory.getLogger(QueueOrdering.class);

	/** A task in the order, with what the employee filter needs. */
	public record Ranked(TaskSnapshot task, PriorityExplanation explanation, int targetIndex, String target) {
	}

	private final QueueOrder order = new QueueOrder();

	private final RuleCatalog catalog;

	private final GlobalTaskList tasks;

	private final Clock clock;

	private final Map<String, Integer> policyVersions = new HashMap<>();

	/** While the start-up rebuild runs: the tasks re-read for events meanwhile, which the rebuild's batches skip. */
	private volatile Set<UUID> touchedDuringRebuild;

	private volatile long rebuildBegun;

	/** CPU time the rebuild's batches cost this index (guarded by this). */
	private long rebuildCpu;

	/**
	 * Tasks waiting for a re-read on the ordering thread; {@code true}: re-read even if the task is not in the order
	 * (it may have become QUEUED), {@code false}: only if it is (an update of a queued task).
	 */
	private final Map<UUID, Boolean> pending = new ConcurrentHashMap<>();

	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "openwd-queue-order");
		thread.setDaemon(true);
		return thread;
	});

	QueueOrdering(RuleCatalog catalog, GlobalTaskList tasks, ConfigStore store, Clock clock) {
		this.catalog = catalog;
		this.tasks = tasks;
		this.clock = clock;
		store.onChange(kind -> {
			if (ConfigStore.ROUTING_PROFILE.equals(kind)) {
				syncPolicies();
			}
		});
	}

	// ---- the start-up rebuild: the task list reads the queued tasks once for every index (QueuedTaskIndex)

	@Override
	public void rebuildStarting() {
		rebuildBegun = System.nanoTime();
		touchedDuringRebuild = ConcurrentHashMap.newKeySet();
		syncPolicies();
	}

	/** Runs on the reading thread; a task re-read for an event meanwhile keeps what that read found. */
	@Override
	public synchronized void rebuildBatch(List<QueuedTaskView> batch) {
		long cpu = cpuNanos();
		Set<UUID> touched = touchedDuringRebuild;
		for (QueuedTaskView task : batch) {
			if (touched == null || !touched.contains(task.id().value())) {
				upsert(task);
			}
		}
		rebuildCpu += cpuNanos() - cpu;
	}

	@Override
	public void rebuildFinished(long count) {
		touchedDuringRebuild = null;
		log.info("Queue order rebuilt: {} queued tasks in {} ms (CPU {} ms)", size(), (System.nanoTime() - rebuildBegun) / 1_000_000,
				rebuildCpu / 1_000_000);
	}

	private static long cpuNanos() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
	}

	// Plain listeners that hand over after commit: the order is rebuilt from the database at start-up, so a durable
	// publication would add two writes per event and no guarantee.

	@EventListener
	void on(TaskStateChanged event) {
		if (event.to() == TaskState.QUEUED || event.from() == TaskState.QUEUED) {
			AfterCommit.run(() -> reconcileLater(event.taskId(), true));
		}
	}

	/** A queued task changed (priority, targets, profile ...): re-read it if it is in the order when its turn comes. */
	@EventListener
	void on(TaskUpdated event) {
		AfterCommit.run(() -> reconcileLater(event.taskId(), false));
	}

	/**
	 * Queues a re-read on the ordering thread. A task already waiting for one is not queued twice: the one re-read sees
	 * its latest state, so a burst of changes costs one read and the queue is bounded by the number of tasks. A re-read
	 * asked for only if the task is ordered is checked there, after the change committed, so it never blocks the
	 * publishing thread; once any event asks for an unconditional one, the pending re-read is unconditional.
	 */
	private void reconcileLater(TaskId id, boolean evenIfNotOrdered) {
		boolean[] scheduled = { false };
		pending.compute(id.value(), (key, before) -> {
			if (before == null) {
				scheduled[0] = true;
				return evenIfNotOrdered;
			}
			return before || evenIfNotOrdered;
		});
		if (scheduled[0]) {
			worker.execute(() -> {
				boolean always = Boolean.TRUE.equals(pending.remove(id.value()));
				try {
					if (always || isOrdered(id.value())) {
						reconcile(id);
					}
				}
				catch (RuntimeException ex) {
					log.warn("Could not re-order task {}; the next change of it or a restart will", id, ex);
				}
			});
		}
	}

	@PreDestroy
	void stop() {
		worker.shutdownNow();
	}

	/** Another node changed a task. */
	@EventListener
	void on(org.openwd.messaging.RemoteTaskChange change) {
		reconcile(change.taskId());
	}

	/** Re-reads a task and puts it into, or takes it out of, the order according to its current state. */
	public void reconcile(TaskId id) {
		Set<UUID> touched = touchedDuringRebuild;
		if (touched != null) {
			touched.add(id.value());
		}
		Optional<TaskSnapshot> task = tasks.find(id);
		if (task.isPresent() && task.get().state() == TaskState.QUEUED) {
			upsert(task.get());
		}
		else {
			remove(id.value());
		}
	}

	/**
	 * The best {@code n} tasks someone with these proficiencies may take now (their current cascade target allows it).
	 * The order is found in memory; the returned tasks are then read from the task list (outside the lock), so each
	 * shows its latest state.
	 */
	public List<Ranked> topFor(Map<String, Integer> proficiencies, int n) {
		Instant now = clock.instant();
		List<UUID> ids;
		synchronized (this) {
			refreshPoliciesIfChanged();
			ids = order.top(now, n, (task, waitingSince) -> eligible(task, waitingSince, proficiencies, now));
		}
		List<Ranked> ranked = new ArrayList<>(ids.size());
		for (UUID id : ids) {
			tasks.find(new TaskId(id))
				.filter(t -> t.routingProfile() != null && catalog.profile(t.routingProfile()).isPresent())
				.ifPresent(t -> ranked.add(ranked(t, now)));
		}
		return ranked;
	}

	/** The best {@code n} tasks regardless of who could take them. */
	public List<Ranked> top(int n) {
		return topFor(null, n);
	}

	/** Why a task ranks where it does now (read from the task list; computed the same way for tasks not queued). */
	public Optional<Ranked> explain(TaskId id) {
		return tasks.find(id).filter(t -> t.routingProfile() != null && catalog.profile(t.routingProfile()).isPresent())
			.map(t -> ranked(t, clock.instant()));
	}

	/** Whether the queue order holds this task (it is queued and has a known routing profile). */
	public boolean holds(TaskId id) {
		return isOrdered(id.value());
	}

	public synchronized int size() {
		return order.size();
	}

	private synchronized boolean isOrdered(UUID id) {
		return order.contains(id);
	}

	private Ranked ranked(TaskSnapshot task, Instant now) {
		RoutingProfile profile = catalog.profile(task.routingProfile()).orElseThrow().value();
		PriorityExplanation explanation = PriorityCalculator.explain(policy(profile), subject(task), now);
		int target = targetIndex(subject(task).waitingSince(), profile, now);
		return new Ranked(task, explanation, target, profile.targets().get(target).skills());
	}

	private boolean eligible(QueueOrder.Queued task, Instant waitingSince, Map<String, Integer> proficiencies, Instant now) {
		if (proficiencies == null) {
			return true;
		}
		for (String skill : task.skills()) {
			if (proficiencies.getOrDefault(skill, 0) < 1) {
				return false;
			}
		}
		Optional<Versioned<RoutingProfile>> profile = catalog.profile(task.profile());
		if (profile.isEmpty()) {
			return false;
		}
		RoutingProfile rp = profile.get().value();
		return SkillExpression.parse(rp.targets().get(targetIndex(waitingSince, rp, now)).skills()).matches(proficiencies);
	}

	private static int targetIndex(Instant since, RoutingProfile profile, Instant now) {
		return profile.targetIndexAfter(Duration.between(since, now).isNegative() ? Duration.ZERO : Duration.between(since, now));
	}

	private void upsert(TaskSnapshot task) {
		upsert(QueuedTaskView.of(task));
	}

	private synchronized void upsert(QueuedTaskView task) {
		if (!order.knows(task.routingProfile())) {
			syncPolicies();
			if (!order.knows(task.routingProfile())) {
				log.warn("Task {} has no known routing profile ({}); it is not ordered", task.id(), task.routingProfile());
				return;
			}
		}
		order.upsert(task);
	}

	private synchronized void remove(UUID id) {
		order.remove(id);
	}

	private void refreshPoliciesIfChanged() {
		Map<String, RuleCatalog.Versioned<?>> profiles = catalog.profiles();
		for (Map.Entry<String, RuleCatalog.Versioned<?>> entry : profiles.entrySet()) {
			if (!Integer.valueOf(entry.getValue().version()).equals(policyVersions.get(entry.getKey()))) {
				syncPolicies();
				return;
			}
		}
	}

	private synchronized void syncPolicies() {
		for (Map.Entry<String, RuleCatalog.Versioned<?>> entry : catalog.profiles().entrySet()) {
			RoutingProfile profile = (RoutingProfile) entry.getValue().value();
			try {
				order.replacePolicy(entry.getKey(), policy(profile));
				policyVersions.put(entry.getKey(), entry.getValue().version());
			}
			catch (IllegalArgumentException ex) {
				log.error("Routing profile {} has an unusable priority policy: {}", entry.getKey(), ex.getMessage());
			}
		}
	}

	static PriorityPolicy policy(RoutingProfile profile) {
		RoutingProfile.Priority p = profile.priority();
		return new PriorityPolicy(p.start(), p.increment(), p.interval(), p.max(), p.valueWeight(),
				profile.campaigns().stream().map(c -> new CampaignBoost(c.name(), c.boost(), c.endsAt())).toList());
	}

	static PrioritySubject subject(TaskSnapshot task) {
		return QueueOrder.subject(task);
	}


}
