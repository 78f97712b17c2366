package org.openwd.distribution.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.rules.priority.PrioritySubject;

/** Scenario tests of the routing rules, with time moved by hand. */
class MatchingEngineTests {

	static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

	final double[] profileLevel = { 100 };

	final Map<String, Double> departmentLevels = new java.util.HashMap<>();

	final ServiceLevels levels = new ServiceLevels() {

		@Override
		public double ofProfile(String profile) {
			return profileLevel[0];
		}

		@Override
		public double ofDepartment(String department) {
			return departmentLevels.getOrDefault(department, 100.0);
		}

	};

	MatchingEngine engine;

	@BeforeEach
	void setUp() {
		engine = new MatchingEngine(SelectionStrategy.LONGEST_IDLE, Duration.ofHours(8), levels);
		// three-step cascade: >=9 for 15 s, then >=6 until 90 s, then anyone with the skill; aging +3 every 20 s
		engine.profile(RoutingRules.of("claims", List.of("claims>=9", "claims>=6", "claims"),
				List.of(Duration.ofSeconds(15), Duration.ofSeconds(75)), 70, 80, "case", Duration.ofMinutes(20),
				Duration.ofSeconds(30), false), PriorityPolicy.aging(10, 3, Duration.ofSeconds(20), 100));
		engine.profile(RoutingRules.of("email", List.of("service"), List.of(), null, null, "email", Duration.ofMinutes(5),
				Duration.ofSeconds(30), false), PriorityPolicy.aging(10, 1, Duration.ofMinutes(1), 50));
	}

	Worker worker(String id, String department, int claims, boolean ready) {
		return new Worker(id, department, Map.of("claims", claims, "service", 5), Map.of("case", 1, "email", 2), 2, null,
				ready, null, false);
	}

	QueuedTask task(String profile, Instant queued, String department) {
		return new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), queued), profile, Set.of(), department, null, Set.of());
	}

	@Test
	void widensTheCascadeStepByStepAsTheTaskWaits() {
		engine.worker(worker("junior", "claims", 4, true), T0);
		engine.worker(worker("medium", "claims", 7, true), T0);
		QueuedTask task = task("claims", T0, "claims");
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(14))).isEmpty();
		assertThat(engine.nextWidening(task.id(), T0)).isEqualTo(T0.plusSeconds(15));
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(15))).contains("medium");
		engine.worker(worker("medium", "claims", 7, false), T0.plusSeconds(15));
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(89))).isEmpty();
		assertThat(engine.nextWidening(task.id(), T0.plusSeconds(20))).isEqualTo(T0.plusSeconds(90));
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(90))).contains("junior");
		assertThat(engine.nextWidening(task.id(), T0.plusSeconds(90))).isNull();
	}

	@Test
	void aTaskFixedOnAStepOrOnEveryoneWithTheSkillIgnoresItsWaitingTime() {
		engine.worker(worker("junior", "claims", 4, true), T0);
		engine.worker(worker("medium", "claims", 7, true), T0);
		QueuedTask plain = task("claims", T0, "claims");
		QueuedTask onStepTwo = new QueuedTask(plain.priority(), "claims", Set.of(), "claims", null, Set.of(), null, 1);
		engine.queue(onStepTwo);
		assertThat(engine.bestEmployeeFor(plain.id(), T0)).contains("medium");
		assertThat(engine.nextWidening(plain.id(), T0)).isNull();
		engine.worker(worker("medium", "claims", 7, false), T0);
		assertThat(engine.bestEmployeeFor(plain.id(), T0.plusSeconds(3600))).as("stays on its step").isEmpty();

		engine.queue(new QueuedTask(plain.priority(), "claims", Set.of(), "claims", null, Set.of(), null,
				QueuedTask.ALL_WITH_SKILLS));
		assertThat(engine.bestEmployeeFor(plain.id(), T0)).contains("junior");
	}

	@Test
	void theMostProficientGetTheTaskFirst() {
		engine.worker(worker("expert", "claims", 9, true), T0);
		QueuedTask task = task("claims", T0, "claims");
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), T0)).contains("expert");
		assertThat(engine.bestTaskFor("expert", T0)).contains(task.id());
	}

	@Test
	void offersTheHighestPriorityTaskAndAgingLetsTheOldWorkWin() {
		engine.worker(worker("ann", "claims", 9, true), T0);
		QueuedTask email = task("email", T0, "claims");
		QueuedTask claim = task("claims", T0.plusSeconds(100), "claims");
		engine.queue(email);
		engine.queue(claim);
		// at 09:01:40 the claim has 10 points (just queued), the email 10 + 1 = 11
		assertThat(engine.bestTaskFor("ann", T0.plusSeconds(100))).contains(email.id());
		// 40 s later the claim has aged two steps of +3 = 16, the email still 11
		assertThat(engine.bestTaskFor("ann", T0.plusSeconds(140))).contains(claim.id());
	}

	@Test
	void respectsCapacityPerChannelAndInTotal() {
		engine.worker(worker("ann", "claims", 9, true), T0);
		QueuedTask first = task("claims", T0, "claims");
		QueuedTask second = task("claims", T0.plusSeconds(1), "claims");
		engine.queue(first);
		engine.queue(second);
		engine.took("ann", "case", T0);
		engine.dequeue(first.id());
		assertThat(engine.bestTaskFor("ann", T0.plusSeconds(2))).isEmpty();
		QueuedTask email = task("email", T0, "claims");
		engine.queue(email);
		assertThat(engine.bestTaskFor("ann", T0.plusSeconds(2))).contains(email.id());
		engine.took("ann", "email", T0);
		engine.dequeue(email.id());
		assertThat(engine.bestTaskFor("ann", T0.plusSeconds(2))).isEmpty();
		engine.released("ann", "case", T0.plusSeconds(3));
		assertThat(engine.bestTaskFor("ann", T0.plusSeconds(3))).contains(second.id());
	}

	@Test
	void neverOffersATaskAgainToSomeoneWhoRejectedIt() {
		engine.worker(worker("ann", "claims", 9, true), T0);
		QueuedTask task = task("claims", T0, "claims");
		engine.queue(new QueuedTask(task.priority(), "claims", Set.of(), "claims", null, Set.of("ann")));
		assertThat(engine.bestEmployeeFor(task.id(), T0)).isEmpty();
		assertThat(engine.bestTaskFor("ann", T0)).isEmpty();
	}

	@Test
	void borrowsOtherDepartmentsOnlyWhileBehindAndOnlyFromLendersAhead() {
		engine.worker(worker("lender", "billing", 9, true), T0);
		QueuedTask task = task("claims", T0, "claims");
		engine.queue(task);
		profileLevel[0] = 75;
		assertThat(engine.bestEmployeeFor(task.id(), T0)).as("claims at 75% is not below 70%").isEmpty();
		profileLevel[0] = 69.9;
		departmentLevels.put("billing", 79.9);
		assertThat(engine.bestEmployeeFor(task.id(), T0)).as("billing at 79.9% does not lend").isEmpty();
		departmentLevels.put("billing", 80.0);
		assertThat(engine.bestEmployeeFor(task.id(), T0)).contains("lender");
	}

	@Test
	void choosesTheLongestIdleEmployeeByDefault() {
		engine.worker(worker("early", "claims", 9, true), T0);
		engine.worker(worker("late", "claims", 9, true), T0.plusSeconds(30));
		QueuedTask task = task("claims", T0.plusSeconds(40), "claims");
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(40))).contains("early");
	}

	@Test
	void leastOccupiedCountsWorkHandedOutToday() {
		engine.strategy(SelectionStrategy.LEAST_OCCUPIED);
		engine.worker(worker("busy", "claims", 9, true), T0);
		engine.worker(worker("fresh", "claims", 9, true), T0.plusSeconds(30));
		engine.took("busy", "case", T0);
		engine.released("busy", "case", T0.plusSeconds(1));
		QueuedTask task = task("claims", T0.plusSeconds(40), "claims");
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(40))).contains("fresh");
	}

	@Test
	void bestProficiencyPrefersTheStrongestInTheTasksSkills() {
		engine.strategy(SelectionStrategy.BEST_PROFICIENCY);
		engine.worker(worker("nine", "claims", 9, true), T0.plusSeconds(30));
		engine.worker(worker("ten", "claims", 10, true), T0.plusSeconds(35));
		QueuedTask task = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0.plusSeconds(40)), "claims",
				Set.of("claims"), "claims", null, Set.of());
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(40))).contains("ten");
	}

	@Test
	void prefersTheLastAgentOfTheCustomerForABoundedTimeAndTheirSubstituteWhileAway() {
		engine.worker(worker("idle-longest", "claims", 9, true), T0);
		engine.worker(worker("last", "claims", 9, true), T0.plusSeconds(10));
		engine.served("CUST-1", "last", T0);
		QueuedTask task = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0.plusSeconds(20)), "claims", Set.of(),
				"claims", "CUST-1", Set.of());
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(20))).contains("last");
		assertThat(engine.bestEmployeeFor(task.id(), T0.plus(Duration.ofHours(9)))).contains("idle-longest");
		engine.worker(new Worker("last", "claims", Map.of("claims", 9), Map.of("case", 1), 1, null, false, "sub", true),
				T0.plusSeconds(30));
		engine.worker(worker("sub", "claims", 9, true), T0.plusSeconds(31));
		assertThat(engine.bestEmployeeFor(task.id(), T0.plusSeconds(40))).contains("sub");
	}

	@Test
	void personalWorkGoesToItsEmployeeOrTheirSubstituteWhileTheyAreAway() {
		engine.worker(worker("idle-longest", "claims", 9, true), T0);
		engine.worker(worker("owner", "claims", 9, true), T0.plusSeconds(10));
		QueuedTask personal = new QueuedTask(PrioritySubject.queued(UUID.randomUUID(), T0.plusSeconds(20)), "claims", Set.of(),
				"claims", null, Set.of(), "owner");
		engine.queue(personal);
		assertThat(engine.bestEmployeeFor(personal.id(), T0.plusSeconds(20))).contains("owner");
		engine.worker(new Worker("owner", "claims", Map.of("claims", 9), Map.of("case", 1), 1, null, false, "deputy", true),
				T0.plusSeconds(30));
		engine.worker(worker("deputy", "claims", 9, true), T0.plusSeconds(31));
		assertThat(engine.bestEmployeeFor(personal.id(), T0.plusSeconds(40))).contains("deputy");
	}

	@Test
	void avoidsOfferingWorkThatRunsPastTheShiftEndWhenAnotherFits() {
		Instant now = T0.plusSeconds(60);
		engine.worker(new Worker("leaving", "claims", Map.of("claims", 9), Map.of("case", 1), 1, now.plus(Duration.ofMinutes(10)),
				true, null, false), T0);
		engine.worker(new Worker("staying", "claims", Map.of("claims", 9), Map.of("case", 1), 1, null, true, null, false),
				T0.plusSeconds(30));
		QueuedTask task = task("claims", now, "claims");
		engine.queue(task);
		assertThat(engine.bestEmployeeFor(task.id(), now)).as("20 min of work does not fit 10 min of shift").contains("staying");
		engine.worker(new Worker("staying", "claims", Map.of("claims", 9), Map.of("case", 1), 1, null, false, null, false), now);
		assertThat(engine.bestEmployeeFor(task.id(), now)).as("nobody else fits: offer anyway").contains("leaving");
	}

	@Test
	void aNotReadyEmployeeGetsNothing() {
		engine.worker(worker("ann", "claims", 9, false), T0);
		QueuedTask task = task("claims", T0, "claims");
		engine.queue(task);
		assertThat(engine.bestTaskFor("ann", T0)).isEmpty();
		assertThat(engine.bestEmployeeFor(task.id(), T0)).isEmpty();
	}

}
