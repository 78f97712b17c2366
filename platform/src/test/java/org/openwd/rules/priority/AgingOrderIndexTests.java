package org.openwd.rules.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openwd.rules.priority.PriorityFixtures.EMAIL;
import static org.openwd.rules.priority.PriorityFixtures.VOICE;
import static org.openwd.rules.priority.PriorityFixtures.at;
import static org.openwd.rules.priority.PriorityFixtures.id;
import static org.openwd.rules.priority.PriorityFixtures.name;
import static org.openwd.rules.priority.PriorityFixtures.names;
import static org.openwd.rules.priority.PriorityFixtures.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.openwd.rules.priority.AgingOrderIndex.Entry;

/** The aging-aware index orders tasks exactly as the calculator does, at any moment, without touching them as they age. */
class AgingOrderIndexTests {

	static final PriorityPolicy HIGH = PriorityPolicy.aging(50, 1, Duration.ofSeconds(60), 60);

	static final PriorityPolicy LOW = PriorityPolicy.aging(1, 3, Duration.ofSeconds(20), 100);

	@Test
	void letsTheEmailOvertakeTheTwoVoiceTasksAtNineMinutesPastNine() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.replacePolicy("voice", VOICE);
		index.add("email", task("email", "09:00:00"));
		index.add("voice", task("voice-1", "09:05:00"));
		index.add("voice", task("voice-2", "09:05:30"));

		Instant firstOnTop = null;
		for (Instant now = at("09:05:30"); firstOnTop == null && now.isBefore(at("10:00:00")); now = now.plusSeconds(1)) {
			if (name(index.best(now).orElseThrow().taskId()).equals("email")) {
				firstOnTop = now;
			}
		}

		assertThat(firstOnTop).isEqualTo(at("09:09:00"));
		assertThat(names(index.top(at("09:08:59"), 3))).containsExactly("voice-1", "voice-2", "email");
		assertThat(index.top(at("09:09:00"), 3)).extracting(entry -> entry.rank().points()).containsExactly(55L, 54L, 53L);
		assertThat(names(index.top(at("09:09:00"), 3))).containsExactly("email", "voice-1", "voice-2");
	}

	@Test
	void servesTheLowPriorityTaskWithinItsStarvationBoundUnderAConstantStreamOfHighPriorityWork() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("high", HIGH);
		index.replacePolicy("low", LOW);
		Instant start = at("09:00:00");
		PrioritySubject low = task("low", "09:00:00");
		index.add("low", low);
		for (int i = 0; i < 5; i++) {
			index.add("high", PrioritySubject.queued(UUID.randomUUID(), start));
		}
		// no high task ever exceeds its max of 60, so at 61 the low task is above every one of them
		Instant bound = PriorityCalculator.reachesPriority(LOW, low, HIGH.max() + 1).orElseThrow();

		// a new high task every 10 s, one decision every 20 s: without aging the backlog grows and the low task never leaves
		Instant servedAt = null;
		Instant now = start;
		for (int tick = 1; servedAt == null && tick <= 360; tick++) {
			now = start.plusSeconds(10L * tick);
			index.add("high", PrioritySubject.queued(UUID.randomUUID(), now));
			if (tick % 2 == 0) {
				Entry best = index.best(now).orElseThrow();
				index.remove(best.taskId());
				if (best.taskId().equals(low.taskId())) {
					servedAt = now;
				}
			}
		}

		assertThat(bound).isEqualTo(at("09:06:40"));
		assertThat(servedAt).isNotNull().isAfter(at("09:05:00")).isBeforeOrEqualTo(bound);
		assertThat(index.size()).isGreaterThan(5);
	}

	@Test
	void ordersExactlyLikeSortingEverySubjectWithTheCalculator() {
		Random random = new Random(4242);
		Instant base = at("09:00:00");
		String[] profiles = { "claims", "email", "voice", "letters" };
		Map<String, PriorityPolicy> policies = new HashMap<>();
		AgingOrderIndex index = new AgingOrderIndex();
		for (String profile : profiles) {
			PriorityPolicy policy = RandomPriorities.policy(random, base);
			policies.put(profile, policy);
			index.replacePolicy(profile, policy);
		}
		Map<UUID, String> profileOf = new LinkedHashMap<>();
		Map<UUID, PrioritySubject> subjects = new HashMap<>();
		List<UUID> ids = new ArrayList<>();
		Instant now = base;
		int checks = 0;
		for (int step = 0; step < 4_000; step++) {
			int op = random.nextInt(100);
			if (op < 45 || ids.isEmpty()) {
				UUID id = new UUID(random.nextInt(3), random.nextLong());
				PrioritySubject subject = RandomPriorities.subject(random, id, now);
				String profile = profiles[random.nextInt(profiles.length)];
				index.add(profile, subject);
				subjects.put(id, subject);
				profileOf.put(id, profile);
				ids.add(id);
			}
			else if (op < 60) {
				UUID id = ids.remove(random.nextInt(ids.size()));
				assertThat(index.remove(id)).isTrue();
				subjects.remove(id);
				profileOf.remove(id);
			}
			else if (op < 70) {
				UUID id = ids.get(random.nextInt(ids.size()));
				PrioritySubject changed = RandomPriorities.subject(random, id, now);
				String profile = profiles[random.nextInt(profiles.length)];
				index.update(profile, changed);
				subjects.put(id, changed);
				profileOf.put(id, profile);
			}
			else if (op < 73) {
				String profile = profiles[random.nextInt(profiles.length)];
				PriorityPolicy policy = RandomPriorities.policy(random, now);
				index.replacePolicy(profile, policy);
				policies.put(profile, policy);
			}
			else {
				now = advance(random, now, subjects, profileOf, policies);
			}

			int n = 1 + random.nextInt(12);
			Predicate<PrioritySubject> filter = randomFilter(random);
			List<Rank> expected = bruteForce(subjects.values(), subject -> policies.get(profileOf.get(subject.taskId())), now,
					filter, n);
			List<Entry> actual = index.top(now, n, filter);
			assertThat(actual).extracting(Entry::rank).as("step %d at %s", step, now).isEqualTo(expected);
			assertThat(actual).allSatisfy(entry -> assertThat(entry.profileId()).isEqualTo(profileOf.get(entry.taskId())));
			checks++;
			if (step % 250 == 0) {
				List<Rank> all = bruteForce(subjects.values(), subject -> policies.get(profileOf.get(subject.taskId())), now,
						subject -> true, Integer.MAX_VALUE);
				assertThat(index.ordered(now).map(Entry::rank).toList()).as("full order at step %d", step).isEqualTo(all);
			}
		}

		assertThat(index.size()).isEqualTo(subjects.size());
		assertThat(subjects.size()).isGreaterThan(300);
		assertThat(checks).isEqualTo(4_000);
	}

	/**
	 * Moves time on by up to 90 s, or exactly onto a boundary: a pending warning or due time, or the next aging step of a
	 * random task.
	 */
	private static Instant advance(Random random, Instant now, Map<UUID, PrioritySubject> subjects, Map<UUID, String> profileOf,
			Map<String, PriorityPolicy> policies) {
		if (subjects.isEmpty() || random.nextBoolean()) {
			return now.plusMillis(random.nextInt(90_000));
		}
		List<PrioritySubject> all = new ArrayList<>(subjects.values());
		PrioritySubject subject = all.get(random.nextInt(all.size()));
		Instant boundary;
		switch (random.nextInt(3)) {
			case 0:
				boundary = subject.warningAt();
				break;
			case 1:
				boundary = subject.dueTime();
				break;
			default:
				PriorityPolicy policy = policies.get(profileOf.get(subject.taskId()));
				long steps = PriorityCalculator.agingSteps(policy, subject.waitingSince(), now);
				boundary = subject.waitingSince().plus(policy.interval().multipliedBy(steps + 1));
		}
		return boundary != null && boundary.isAfter(now) ? boundary : now;
	}

	/** The reference answer: rank every subject with the calculator, sort, cut. */
	static List<Rank> bruteForce(Collection<PrioritySubject> subjects, Function<PrioritySubject, PriorityPolicy> policyOf,
			Instant now, Predicate<PrioritySubject> filter, int n) {
		return subjects.stream()
			.filter(filter)
			.map(subject -> PriorityCalculator.rank(policyOf.apply(subject), subject, now))
			.sorted(Rank.BEST_FIRST)
			.limit(n)
			.toList();
	}

	private static Predicate<PrioritySubject> randomFilter(Random random) {
		switch (random.nextInt(4)) {
			case 0:
				return subject -> true;
			case 1:
				return subject -> (subject.taskId().getLeastSignificantBits() & 1) == 0;
			case 2:
				return subject -> subject.taskId().getMostSignificantBits() == 1;
			default:
				return subject -> subject.businessValue() == null || subject.businessValue() < 500;
		}
	}

	@Test
	void keepsWalkingPastTasksTheFilterRejects() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("voice", VOICE);
		index.replacePolicy("email", EMAIL);
		for (int i = 0; i < 10; i++) {
			index.add("voice", task("voice-" + i, "09:00:0" + i));
		}
		index.add("email", task("email", "09:00:00"));
		Predicate<PrioritySubject> notVoice = subject -> !name(subject.taskId()).startsWith("voice");
		Predicate<PrioritySubject> oddVoice = subject -> name(subject.taskId()).matches("voice-[13579]");

		assertThat(index.best(at("09:01:00"), notVoice)).map(entry -> name(entry.taskId())).contains("email");
		assertThat(names(index.top(at("09:01:00"), 3, oddVoice))).containsExactly("voice-1", "voice-3", "voice-5");
		assertThat(index.best(at("09:01:00"), subject -> false)).isEmpty();
	}

	@Test
	void movesATaskIntoTheWarningAndOverdueTiersWhenItsThresholdsPassWithoutAnyUpdate() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.replacePolicy("low", LOW);
		index.add("email", task("busy", "09:00:00").withSupervisorBoost(1_000));
		index.add("email", task("warned-first", "09:00:00").withSla(at("10:00:00"), at("12:00:00")));
		index.add("low", task("late", "09:30:00").withSla(at("10:30:00"), at("11:00:00")));

		assertThat(names(index.top(at("09:59:59"), 3))).containsExactly("busy", "warned-first", "late");
		assertThat(names(index.top(at("10:00:00"), 3))).containsExactly("warned-first", "busy", "late");
		assertThat(names(index.top(at("10:30:00"), 3))).containsExactly("warned-first", "late", "busy");
		assertThat(names(index.top(at("11:00:00"), 3))).containsExactly("late", "warned-first", "busy");
		assertThat(index.top(at("11:00:00"), 3)).extracting(entry -> entry.rank().sla())
			.containsExactly(SlaStage.OVERDUE, SlaStage.WARNING, SlaStage.NORMAL);
	}

	@Test
	void placesATaskAddedAfterItsDueTimeStraightInTheOverdueTier() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.add("email", task("busy", "09:00:00").withSupervisorBoost(1_000));
		index.best(at("12:00:00"));

		index.add("email", task("late", "11:00:00").withSla(at("10:00:00"), at("11:30:00")));

		assertThat(index.best(at("12:00:00"))).map(entry -> name(entry.taskId())).contains("late");
	}

	@Test
	void putsPinnedTasksFirstAndOrdersThemNormally() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.replacePolicy("low", LOW);
		index.add("email", task("overdue", "08:00:00").withSla(null, at("09:00:00")));
		index.add("low", task("pinned", "09:55:00").withPinned(true));
		index.add("email", task("pinned-older", "09:50:00").withPinned(true));
		index.add("low", task("pinned-overdue", "09:58:00").withPinned(true).withSla(null, at("09:59:00")));

		assertThat(names(index.top(at("10:00:00"), 4))).containsExactly("pinned-overdue", "pinned-older", "pinned", "overdue");
	}

	@Test
	void appliesAPolicyChangeToTheNextDecision() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.replacePolicy("voice", VOICE);
		index.add("email", task("email", "09:00:00"));
		index.add("voice", task("voice", "09:00:00"));
		assertThat(index.best(at("09:02:00"))).map(entry -> name(entry.taskId())).contains("voice");

		index.replacePolicy("email", EMAIL.withCampaigns(List.of(new CampaignBoost("backlog", 100, at("12:00:00")))));

		assertThat(index.best(at("09:02:00"))).map(entry -> name(entry.taskId())).contains("email");
		assertThat(index.best(at("09:02:00")).orElseThrow().rank().points()).isEqualTo(20 + 100);
		assertThat(index.best(at("12:00:00"))).map(entry -> name(entry.taskId())).contains("email");
		assertThat(index.policy("email").orElseThrow().campaigns()).hasSize(1);
	}

	@Test
	void dropsACampaignBoostAtItsEndTime() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("voice", VOICE);
		index.add("voice", task("older", "09:00:00"));
		index.add("voice", task("campaign", "09:00:30").withCampaign(new CampaignBoost("flood", 5, at("09:10:00"))));

		assertThat(index.best(at("09:09:59"))).map(entry -> name(entry.taskId())).contains("campaign");
		assertThat(index.best(at("09:10:00"))).map(entry -> name(entry.taskId())).contains("older");
	}

	@Test
	void breaksTiesByWaitingTimeThenTaskId() {
		AgingOrderIndex index = new AgingOrderIndex();
		PriorityPolicy flat = PriorityPolicy.aging(10, 0, Duration.ofMinutes(1), 10);
		index.replacePolicy("a", flat);
		index.replacePolicy("b", flat);
		UUID first = new UUID(0, 1);
		UUID second = new UUID(0, 2);
		UUID oldest = new UUID(0, 3);
		index.add("a", PrioritySubject.queued(second, at("09:00:10")));
		index.add("b", PrioritySubject.queued(first, at("09:00:10")));
		index.add("b", PrioritySubject.queued(oldest, at("09:00:00")));

		assertThat(index.top(at("09:05:00"), 3)).extracting(Entry::taskId).containsExactly(oldest, first, second);
	}

	@Test
	void removesAndUpdatesTasksById() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.replacePolicy("voice", VOICE);
		index.add("email", task("email", "09:00:00"));
		index.add("voice", task("voice", "09:00:00"));

		assertThat(index.remove(id("voice"))).isTrue();
		assertThat(index.remove(id("voice"))).isFalse();
		index.update("voice", task("email", "09:00:00").withSupervisorBoost(7));

		assertThat(index.size()).isEqualTo(1);
		assertThat(index.get(id("email"))).map(PrioritySubject::supervisorBoost).contains(7);
		assertThat(index.entry(id("email"), at("09:00:00"))).map(Entry::profileId).contains("voice");
		assertThat(index.explain(id("email"), at("09:00:00"))).map(PriorityExplanation::total).contains(57L);
		assertThat(index.get(id("voice"))).isEmpty();
	}

	@Test
	void keepsOneClassPerDistinctAgingClassAndDropsEmptyOnes() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		for (int i = 0; i < 1_000; i++) {
			index.add("email", PrioritySubject.queued(new UUID(0, i), at("09:00:00").plusSeconds(i)).withBusinessValue(i % 3));
		}

		assertThat(index.size()).isEqualTo(1_000);
		assertThat(index.classCount()).isEqualTo(3);
		for (int i = 0; i < 1_000; i += 3) {
			index.remove(new UUID(0, i));
		}
		assertThat(index.classCount()).isEqualTo(2);
		assertThat(index.size()).isEqualTo(666);
	}

	@Test
	void refusesUnknownProfilesDuplicatesAndInvalidPolicies() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("email", EMAIL);
		index.add("email", task("email", "09:00:00"));

		assertThatIllegalArgumentException().isThrownBy(() -> index.add("fax", task("fax", "09:00:00")))
			.withMessageContaining("unknown profile fax");
		assertThatIllegalArgumentException().isThrownBy(() -> index.add("email", task("email", "09:01:00")))
			.withMessageContaining("already in the index");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> index.replacePolicy("email", PriorityPolicy.aging(10, -1, Duration.ZERO, 5)))
			.withMessage("invalid policy for profile email: interval: must be a positive duration such as PT20S (was PT0S); "
					+ "increment: must not be negative (was -1); max: must be at least start (5 < 10)");
		assertThat(index.policy("email")).contains(EMAIL);
		assertThat(index.size()).isEqualTo(1);
	}

	@Test
	void streamsTheWholeOrderLazilyAndFailsFastAfterAChange() {
		AgingOrderIndex index = new AgingOrderIndex();
		index.replacePolicy("voice", VOICE);
		for (int i = 0; i < 5; i++) {
			index.add("voice", task("v" + i, "09:00:0" + i));
		}

		assertThat(index.ordered(at("09:01:00")).map(entry -> name(entry.taskId())).toList())
			.containsExactly("v0", "v1", "v2", "v3", "v4");
		Stream<Entry> stream = index.ordered(at("09:01:00"));
		Iterator<Entry> iterator = stream.iterator();
		iterator.next();
		index.remove(id("v4"));
		assertThatThrownBy(iterator::next).isInstanceOf(ConcurrentModificationException.class);
	}

	@Test
	void answersInTheSameOrderAsTheCalculatorForALargeBacklogInFewClasses() {
		AgingOrderIndex index = new AgingOrderIndex();
		PriorityPolicy weightedEmail = EMAIL.withValueWeight(0.1);
		index.replacePolicy("email", weightedEmail);
		index.replacePolicy("voice", VOICE);
		Map<UUID, PriorityPolicy> policyOf = new HashMap<>();
		Map<UUID, PrioritySubject> subjects = new HashMap<>();
		Random random = new Random(11);
		for (int i = 0; i < 20_000; i++) {
			PrioritySubject subject = PrioritySubject.queued(new UUID(1, i), at("08:00:00").plusMillis(random.nextInt(7_200_000)))
				.withBusinessValue(random.nextInt(4) * 100);
			boolean email = i % 2 == 0;
			index.add(email ? "email" : "voice", subject);
			subjects.put(subject.taskId(), subject);
			policyOf.put(subject.taskId(), email ? weightedEmail : VOICE);
		}
		Instant now = at("08:20:00");

		List<Rank> expected = bruteForce(subjects.values(), subject -> policyOf.get(subject.taskId()), now, subject -> true,
				2_000);

		assertThat(index.classCount()).isEqualTo(8);
		assertThat(index.top(now, 2_000)).extracting(Entry::rank).isEqualTo(expected);
		assertThat(expected.stream().map(Rank::points).distinct().count()).isGreaterThan(1);
	}

}
