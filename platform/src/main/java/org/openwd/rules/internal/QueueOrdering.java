package org.openwd.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.openwd.rules.priority.AgingOrderIndex;
import org.openwd.rules.priority.CampaignBoost;
import org.openwd.rules.priority.PriorityCalculator;
import org.openwd.rules.priority.PriorityExplanation;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.openwd.task.TaskUpdated;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The queue in priority order, in memory: every QUEUED task in the aging-aware index, so "the best tasks now" costs
 * no database read and aging costs no writes. Built from the database at start-up and kept current from task events;
 * each event re-reads the task, so late or repeated events cannot corrupt it. Routing-profile changes re-key only that
 * profile's aging classes.
 */
@Component
public class QueueOrdering {

	private static final Logger log = LoggerFactory.getLogger(QueueOrdering.class);

	/** A task in the order, with what the employee filter needs. */
	public record Ranked(TaskSnapshot task, PriorityExplanation explanation, int targetIndex, String target) {
	}

	private final AgingOrderIndex index = new AgingOrderIndex();

	private final Map<UUID, TaskSnapshot> queued = new ConcurrentHashMap<>();

	private final RuleCatalog catalog;

	private final GlobalTaskList tasks;

	private final Clock clock;

	private final Map<String, Integer> policyVersions = new HashMap<>();

	private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

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

	@EventListener(ApplicationReadyEvent.class)
	void rebuild() {
		long started = System.nanoTime();
		syncPolicies();
		tasks.forEachInState(TaskState.QUEUED, this::upsert);
		log.info("Queue order rebuilt: {} queued tasks in {} ms", queued.size(), (System.nanoTime() - started) / 1_000_000);
	}

	// Plain listeners that hand over after commit: the order is rebuilt from the database at start-up, so a durable
	// publication would add two writes per event and no guarantee.

	@EventListener
	void on(TaskStateChanged event) {
		if (event.to() == TaskState.QUEUED || event.from() == TaskState.QUEUED) {
			AfterCommit.run(() -> reconcileLater(event.taskId()));
		}
	}

	@EventListener
	void on(TaskUpdated event) {
		if (queued.containsKey(event.taskId().value())) {
			AfterCommit.run(() -> reconcileLater(event.taskId()));
		}
	}

	/**
	 * Queues a re-read on the ordering thread. A task already waiting for one is not queued twice: the one re-read sees
	 * its latest state, so a burst of changes costs one read and the queue is bounded by the number of tasks.
	 */
	private void reconcileLater(TaskId id) {
		if (pending.add(id.value())) {
			worker.execute(() -> {
				pending.remove(id.value());
				try {
					reconcile(id);
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
		Optional<TaskSnapshot> task = tasks.find(id);
		if (task.isPresent() && task.get().state() == TaskState.QUEUED) {
			upsert(task.get());
		}
		else {
			remove(id.value());
		}
	}

	/** The best {@code n} tasks someone with these proficiencies may take now (their current cascade target allows it). */
	public synchronized List<Ranked> topFor(Map<String, Integer> proficiencies, int n) {
		Instant now = clock.instant();
		refreshPoliciesIfChanged();
		return index.top(now, n, subject -> eligible(queued.get(subject.taskId()), proficiencies, now)).stream()
			.map(entry -> ranked(queued.get(entry.taskId()), now))
			.toList();
	}

	/** The best {@code n} tasks regardless of who could take them. */
	public synchronized List<Ranked> top(int n) {
		return topFor(null, n);
	}

	/** Why a task ranks where it does now; computed directly for tasks that are not queued. */
	public Optional<Ranked> explain(TaskId id) {
		Optional<TaskSnapshot> task = Optional.ofNullable(queued.get(id.value())).or(() -> tasks.find(id));
		return task.filter(t -> t.routingProfile() != null && catalog.profile(t.routingProfile()).isPresent())
			.map(t -> ranked(t, clock.instant()));
	}

	public synchronized int size() {
		return index.size();
	}

	private Ranked ranked(TaskSnapshot task, Instant now) {
		RoutingProfile profile = catalog.profile(task.routingProfile()).orElseThrow().value();
		PriorityExplanation explanation = PriorityCalculator.explain(policy(profile), subject(task), now);
		int target = targetIndex(task, profile, now);
		return new Ranked(task, explanation, target, profile.targets().get(target).skills());
	}

	private boolean eligible(TaskSnapshot task, Map<String, Integer> proficiencies, Instant now) {
		if (task == null) {
			return false;
		}
		if (proficiencies == null) {
			return true;
		}
		for (String skill : task.requiredSkills()) {
			if (proficiencies.getOrDefault(skill.toLowerCase(java.util.Locale.ROOT), 0) < 1) {
				return false;
			}
		}
		Optional<Versioned<RoutingProfile>> profile = catalog.profile(task.routingProfile());
		if (profile.isEmpty()) {
			return false;
		}
		RoutingProfile rp = profile.get().value();
		return SkillExpression.parse(rp.targets().get(targetIndex(task, rp, now)).skills()).matches(proficiencies);
	}

	private static int targetIndex(TaskSnapshot task, RoutingProfile profile, Instant now) {
		Instant since = task.waitingSince() != null ? task.waitingSince() : task.capturedAt();
		return profile.targetIndexAfter(Duration.between(since, now).isNegative() ? Duration.ZERO : Duration.between(since, now));
	}

	private synchronized void upsert(TaskSnapshot task) {
		if (task.routingProfile() == null || index.policy(task.routingProfile()).isEmpty()) {
			syncPolicies();
			if (task.routingProfile() == null || index.policy(task.routingProfile()).isEmpty()) {
				log.warn("Task {} has no known routing profile ({}); it is not ordered", task.id(), task.routingProfile());
				return;
			}
		}
		index.remove(task.id().value());
		index.add(task.routingProfile(), subject(task));
		queued.put(task.id().value(), task);
	}

	private synchronized void remove(UUID id) {
		index.remove(id);
		queued.remove(id);
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
				index.replacePolicy(entry.getKey(), policy(profile));
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
		Instant since = task.waitingSince() != null ? task.waitingSince() : task.capturedAt();
		return new PrioritySubject(task.id().value(), since, task.businessValue(), task.slaWarningAt(), task.dueTime(),
				task.priorityPinned(), task.priorityBoost(), List.of());
	}


}
