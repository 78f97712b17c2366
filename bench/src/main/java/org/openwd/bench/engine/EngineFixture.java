package org.openwd.bench.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.openwd.distribution.engine.MatchingEngine;
import org.openwd.distribution.engine.QueuedTask;
import org.openwd.distribution.engine.RoutingRules;
import org.openwd.distribution.engine.SelectionStrategy;
import org.openwd.distribution.engine.ServiceLevels;
import org.openwd.distribution.engine.Worker;
import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;

/**
 * The W2/W4 data set, built in memory and deterministically from a seed: a backlog of queued tasks in three aging
 * classes, each needing one of its department's skills ({@code skills} in all, split over ten departments), and
 * employees with five skills of their department each (proficiency 1-10, capacity 1-3).
 * The JMH benchmarks and the baseline run use the same fixture, so "ours" and the baselines see the same data.
 */
public final class EngineFixture {

	public static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

	public static final String[] PROFILES = { "voice-like", "case", "email" };

	public static final int DEPARTMENTS = 10;

	/** The three aging classes: fast, medium and slow growth. */
	public static PriorityPolicy policy(int profile) {
		return switch (profile) {
			case 0 -> PriorityPolicy.aging(50, 5, Duration.ofSeconds(30), 1000);
			case 1 -> PriorityPolicy.aging(30, 3, Duration.ofMinutes(1), 1000);
			default -> PriorityPolicy.aging(10, 1, Duration.ofMinutes(5), 1000);
		};
	}

	public final MatchingEngine engine;

	public final List<UUID> taskIds;

	public final List<String> employeeIds;

	public final List<Worker> workers;

	public final int backlog;

	public final int skills;

	private EngineFixture(MatchingEngine engine, List<UUID> taskIds, List<Worker> workers, int backlog, int skills) {
		this.engine = engine;
		this.workers = workers;
		this.employeeIds = workers.stream().map(Worker::id).toList();
		this.taskIds = taskIds;
		this.backlog = backlog;
		this.skills = skills;
	}

	public static EngineFixture build(int backlog, int employees, int skills, long seed) {
		return build(backlog, employees, skills, seed, false);
	}

	/**
	 * As {@link #build(int, int, int, long)}; with {@code withSlaAndCustomers} every task also gets an SLA warning and
	 * due time (within the next 8 hours) and a customer id (drawn from 0.9 x backlog customers, each a String of its own), as captured
	 * tasks usually have.
	 */
	public static EngineFixture build(int backlog, int employees, int skills, long seed, boolean withSlaAndCustomers) {
		MatchingEngine engine = new MatchingEngine(SelectionStrategy.LONGEST_IDLE, Duration.ofHours(8), ServiceLevels.ALWAYS_MET);
		for (int p = 0; p < PROFILES.length; p++) {
			engine.profile(RoutingRules.of(PROFILES[p], List.of("*"), List.of(), null, null, "case", Duration.ofMinutes(1),
					Duration.ofSeconds(30), false), policy(p));
		}
		SplittableRandom random = new SplittableRandom(seed);
		List<UUID> ids = taskIds(seed, backlog);
		for (int i = 0; i < backlog; i++) {
			UUID id = ids.get(i);
			Instant waiting = NOW.minusSeconds(random.nextInt(8 * 3600));
			int profile = random.nextInt(PROFILES.length);
			int department = random.nextInt(DEPARTMENTS);
			PrioritySubject subject = new PrioritySubject(id, waiting, random.nextInt(100), null, null, false, 0, List.of());
			String customer = null;
			if (withSlaAndCustomers) {
				Instant due = NOW.plusSeconds(random.nextInt(8 * 3600));
				subject = subject.withSla(due.minusSeconds(3600), due);
				customer = "C" + (1_000_000 + random.nextInt(Math.max(1, backlog - backlog / 10)));
			}
			engine.queue(new QueuedTask(subject, PROFILES[profile], Set.of(skillOf(department, random, skills)),
					department(department), customer, Set.of()));
		}
		List<Worker> people = new ArrayList<>(employees);
		for (int e = 0; e < employees; e++) {
			Map<String, Integer> own = new HashMap<>();
			int department = random.nextInt(DEPARTMENTS);
			while (own.size() < Math.min(5, Math.max(1, skills / DEPARTMENTS))) {
				own.put(skillOf(department, random, skills), 1 + random.nextInt(10));
			}
			int capacity = 1 + random.nextInt(3);
			String id = "emp-" + e;
			Worker worker = new Worker(id, department(department), own, Map.of("case", capacity), capacity, null, true, null,
					false);
			engine.worker(worker, NOW.minusSeconds(random.nextInt(600)));
			people.add(worker);
		}
		return new EngineFixture(engine, ids, people, backlog, skills);
	}

	/**
	 * The task ids {@code (seed, 0..backlog-1)}, computed on access: the fixture must not hold a million ids of its own,
	 * or the heap mode would count them as the engine's.
	 */
	static List<UUID> taskIds(long seed, int backlog) {
		return new TaskIds(seed, backlog);
	}

	private static final class TaskIds extends AbstractList<UUID> implements RandomAccess {

		private final long seed;

		private final int size;

		TaskIds(long seed, int size) {
			this.seed = seed;
			this.size = size;
		}

		@Override
		public UUID get(int index) {
			Objects.checkIndex(index, size);
			return new UUID(seed, index);
		}

		@Override
		public int size() {
			return size;
		}

	}

	/** Skills belong to departments: department d owns skills d, d + 10, d + 20, ... (20 each with 200 skills). */
	static String skillOf(int department, SplittableRandom random, int skills) {
		int perDepartment = Math.max(1, skills / DEPARTMENTS);
		return skill((department + DEPARTMENTS * random.nextInt(perDepartment)) % skills);
	}

	public static String skill(int i) {
		return "skill" + i;
	}

	public static String department(int i) {
		return "dept" + i;
	}

}
