package org.openwd.rules.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.openwd.rules.priority.PriorityFixtures.EMAIL;
import static org.openwd.rules.priority.PriorityFixtures.VOICE;
import static org.openwd.rules.priority.PriorityFixtures.at;
import static org.openwd.rules.priority.PriorityFixtures.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.openwd.rules.priority.PriorityExplanation.Contribution;

/** The priority formula, with worked numbers (docs/priority.md). */
class PriorityCalculatorTests {

	static final PriorityPolicy SLOW = PriorityPolicy.aging(1, 3, Duration.ofSeconds(20), 100);

	@Test
	void agesByWholeIntervalsFromStartUpToMax() {
		PrioritySubject email = task("email", "09:00:00");

		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:00:00"))).isEqualTo(10);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:00:59"))).isEqualTo(10);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:01:00"))).isEqualTo(15);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:07:30"))).isEqualTo(45);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:17:59"))).isEqualTo(95);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:18:00"))).isEqualTo(100);
	}

	@Test
	void stopsGrowingAtMax() {
		PrioritySubject email = task("email", "09:00:00");

		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, at("09:30:00"))).isEqualTo(100);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo(100);
		assertThat(PriorityCalculator.effectivePriority(VOICE, task("voice", "09:00:00"), at("09:10:00"))).isEqualTo(60);
		assertThat(PriorityCalculator.effectivePriority(VOICE, task("voice", "09:00:00"), at("23:59:59"))).isEqualTo(60);
	}

	@Test
	void capsWhenTheLastStepWouldOvershootMax() {
		PriorityPolicy policy = PriorityPolicy.aging(0, 7, Duration.ofSeconds(10), 20);
		PrioritySubject subject = task("a", "09:00:00");

		assertThat(PriorityCalculator.effectivePriority(policy, subject, at("09:00:20"))).isEqualTo(14);
		assertThat(PriorityCalculator.effectivePriority(policy, subject, at("09:00:30"))).isEqualTo(20);
		assertThat(PriorityCalculator.explain(policy, subject, at("09:00:30")).contributions().get(0).why())
			.isEqualTo("start 0 + 3 steps of +7 every 10s since 2026-03-02T09:00:00Z, capped at max 20");
	}

	@Test
	void countsAStepExactlyAtTheIntervalBoundaryAndNotOneNanosecondBefore() {
		PrioritySubject subject = task("low", "09:00:00");

		assertThat(PriorityCalculator.effectivePriority(SLOW, subject, at("09:00:20").minusNanos(1))).isEqualTo(1);
		assertThat(PriorityCalculator.effectivePriority(SLOW, subject, at("09:00:20"))).isEqualTo(4);
		assertThat(PriorityCalculator.effectivePriority(SLOW, subject, at("09:00:40").minusNanos(1))).isEqualTo(4);
		assertThat(PriorityCalculator.effectivePriority(SLOW, subject, at("09:00:40"))).isEqualTo(7);
	}

	@Test
	void givesTheStartPriorityBeforeTheTaskIsQueued() {
		assertThat(PriorityCalculator.effectivePriority(SLOW, task("later", "10:00:00"), at("09:00:00"))).isEqualTo(1);
	}

	@Test
	void addsBusinessValueTimesWeightRoundedHalfUp() {
		PriorityPolicy weighted = EMAIL.withValueWeight(0.5);

		assertThat(PriorityCalculator.effectivePriority(weighted, task("a", "09:00:00").withBusinessValue(73), at("09:00:00")))
			.isEqualTo(10 + 37);
		assertThat(PriorityCalculator.effectivePriority(weighted, task("b", "09:00:00").withBusinessValue(1000), at("09:00:00")))
			.isEqualTo(10 + 500);
		assertThat(PriorityCalculator.effectivePriority(weighted, task("c", "09:00:00"), at("09:00:00"))).isEqualTo(10);
	}

	@Test
	void addsTheSupervisorBoostAndRunningCampaigns() {
		PriorityPolicy policy = EMAIL.withValueWeight(0.5)
			.withCampaigns(List.of(new CampaignBoost("year-end", 20, at("12:00:00"))));
		PrioritySubject subject = task("a", "09:00:00").withBusinessValue(73)
			.withSupervisorBoost(5)
			.withCampaign(new CampaignBoost("vip-week", 10, at("09:02:00")));

		// aging 10 + 3 x 5 = 25, value 37, supervisor 5, year-end 20, vip-week ended at 09:02
		assertThat(PriorityCalculator.effectivePriority(policy, subject, at("09:03:00"))).isEqualTo(25 + 37 + 5 + 20);
		assertThat(PriorityCalculator.effectivePriority(policy, subject, at("09:01:00"))).isEqualTo(15 + 37 + 5 + 20 + 10);
	}

	@Test
	void dropsACampaignBoostExactlyAtItsEndTime() {
		PrioritySubject subject = task("a", "09:00:00").withCampaign(new CampaignBoost("flood", 40, at("10:00:00")));
		PriorityPolicy flat = PriorityPolicy.aging(10, 0, Duration.ofMinutes(1), 10);

		assertThat(PriorityCalculator.effectivePriority(flat, subject, at("10:00:00").minusNanos(1))).isEqualTo(50);
		assertThat(PriorityCalculator.effectivePriority(flat, subject, at("10:00:00"))).isEqualTo(10);
	}

	@Test
	void putsATaskInsideItsWarningWindowAboveAnyNormalTask() {
		Instant now = at("10:00:00");
		Rank normal = PriorityCalculator.rank(EMAIL, task("busy", "09:00:00").withSupervisorBoost(1_000_000), now);
		Rank warning = PriorityCalculator.rank(SLOW, task("warned", "09:59:59").withSla(at("10:00:00"), at("11:00:00")), now);

		assertThat(warning.sla()).isEqualTo(SlaStage.WARNING);
		assertThat(warning.points()).isLessThan(normal.points());
		assertThat(warning.outranks(normal)).isTrue();
	}

	@Test
	void putsAnOverdueTaskAboveAnyTaskInItsWarningWindow() {
		Instant now = at("11:00:00");
		Rank warning = PriorityCalculator.rank(EMAIL,
				task("warned", "09:00:00").withSupervisorBoost(1_000_000).withSla(at("10:30:00"), at("12:00:00")), now);
		Rank overdue = PriorityCalculator.rank(SLOW, task("late", "10:59:00").withSla(null, at("11:00:00")), now);

		assertThat(overdue.sla()).isEqualTo(SlaStage.OVERDUE);
		assertThat(overdue.outranks(warning)).isTrue();
	}

	@Test
	void movesThroughTheSlaStagesAtTheExactThresholds() {
		PrioritySubject subject = task("a", "09:00:00").withSla(at("10:00:00"), at("11:00:00"));

		assertThat(subject.slaStage(at("10:00:00").minusNanos(1))).isEqualTo(SlaStage.NORMAL);
		assertThat(subject.slaStage(at("10:00:00"))).isEqualTo(SlaStage.WARNING);
		assertThat(subject.slaStage(at("11:00:00").minusNanos(1))).isEqualTo(SlaStage.WARNING);
		assertThat(subject.slaStage(at("11:00:00"))).isEqualTo(SlaStage.OVERDUE);
	}

	@Test
	void putsAPinnedTaskAboveEverythingNotPinnedAndOrdersPinnedTasksNormally() {
		Instant now = at("11:00:00");
		Rank overdue = PriorityCalculator.rank(EMAIL, task("late", "08:00:00").withSla(null, at("10:00:00")), now);
		Rank pinned = PriorityCalculator.rank(SLOW, task("pinned", "10:59:00").withPinned(true), now);
		Rank pinnedOverdue = PriorityCalculator.rank(SLOW,
				task("pinned-late", "10:59:30").withPinned(true).withSla(null, at("10:30:00")), now);
		Rank pinnedHigher = PriorityCalculator.rank(EMAIL, task("pinned-high", "10:59:00").withPinned(true), now);

		assertThat(pinned.outranks(overdue)).isTrue();
		assertThat(pinnedOverdue.outranks(pinnedHigher)).isTrue();
		assertThat(pinnedHigher.outranks(pinned)).isTrue();
	}

	@Test
	void breaksTiesByWaitingLongestThenByTaskId() {
		Instant now = at("09:00:30");
		PriorityPolicy flat = PriorityPolicy.aging(10, 0, Duration.ofMinutes(1), 10);
		Rank older = PriorityCalculator.rank(flat, PrioritySubject.queued(new UUID(0, 9), at("09:00:00")), now);
		Rank younger = PriorityCalculator.rank(flat, PrioritySubject.queued(new UUID(0, 1), at("09:00:10")), now);
		Rank sameAgeLowerId = PriorityCalculator.rank(flat, PrioritySubject.queued(new UUID(0, 2), at("09:00:10")), now);

		assertThat(older.points()).isEqualTo(younger.points()).isEqualTo(sameAgeLowerId.points());
		assertThat(older.outranks(younger)).isTrue();
		assertThat(younger.outranks(sameAgeLowerId)).isTrue();
	}

	@Test
	void letsAnEmailThatStartsBelowTwoVoiceTasksOvertakeThemAtTheNinthMinute() {
		PrioritySubject email = task("email", "09:00:00");
		PrioritySubject voice1 = task("voice-1", "09:05:00");
		PrioritySubject voice2 = task("voice-2", "09:05:30");

		Instant before = at("09:09:00").minusSeconds(1);
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, before)).isEqualTo(50);
		assertThat(PriorityCalculator.effectivePriority(VOICE, voice1, before)).isEqualTo(53);
		assertThat(PriorityCalculator.effectivePriority(VOICE, voice2, before)).isEqualTo(53);

		Instant overtaking = at("09:09:00");
		assertThat(PriorityCalculator.effectivePriority(EMAIL, email, overtaking)).isEqualTo(55);
		assertThat(PriorityCalculator.effectivePriority(VOICE, voice1, overtaking)).isEqualTo(54);
		assertThat(PriorityCalculator.effectivePriority(VOICE, voice2, overtaking)).isEqualTo(53);
	}

	@Test
	void explainsEachContribution() {
		PriorityPolicy policy = SLOW.withValueWeight(0.5)
			.withCampaigns(List.of(new CampaignBoost("year-end", 20, at("12:00:00"))));
		PrioritySubject subject = task("a", "09:00:00").withBusinessValue(73)
			.withSupervisorBoost(5)
			.withCampaign(new CampaignBoost("vip-week", 10, at("09:00:30")))
			.withSla(at("09:00:50"), at("10:00:00"));

		PriorityExplanation explanation = PriorityCalculator.explain(policy, subject, at("09:01:00"));

		assertThat(explanation.contributions()).containsExactly(
				new Contribution("aging", 10, "start 1 + 3 steps of +3 every 20s since 2026-03-02T09:00:00Z"),
				new Contribution("business value", 37, "round(0.5 x business value 73)"),
				new Contribution("supervisor boost", 5, "set by a supervisor"),
				new Contribution("campaign year-end", 20, "profile campaign +20 until 2026-03-02T12:00:00Z"),
				new Contribution("campaign vip-week", 0, "task campaign, ended at 2026-03-02T09:00:30Z"));
		assertThat(explanation.total()).isEqualTo(72);
		assertThat(explanation.rank().sla()).isEqualTo(SlaStage.WARNING);
		assertThat(explanation.tierReason())
			.isEqualTo("inside the SLA warning window since 2026-03-02T09:00:50Z, due 2026-03-02T10:00:00Z");
	}

	@Test
	void explanationAlwaysAddsUpToTheEffectivePriority() {
		Random random = new Random(20260302);
		for (int i = 0; i < 20_000; i++) {
			PriorityPolicy policy = RandomPriorities.policy(random, at("09:00:00"));
			PrioritySubject subject = RandomPriorities.subject(random, UUID.randomUUID(), at("09:00:00"));
			Instant now = at("09:00:00").plusMillis(random.nextInt(3 * 3_600_000));

			PriorityExplanation explanation = PriorityCalculator.explain(policy, subject, now);

			long sum = explanation.contributions().stream().mapToLong(Contribution::points).sum();
			assertThat(explanation.total()).as("sum of %s", explanation).isEqualTo(sum);
			assertThat(explanation.total()).isEqualTo(PriorityCalculator.effectivePriority(policy, subject, now));
			assertThat(explanation.rank()).isEqualTo(PriorityCalculator.rank(policy, subject, now));
		}
	}

	@Test
	void tellsWhenAgingAloneLiftsATaskToATarget() {
		PrioritySubject low = task("low", "09:00:00");

		// 61 needs 1 + 3 x 20: twenty steps of 20 s
		assertThat(PriorityCalculator.reachesPriority(SLOW, low, 61)).contains(at("09:06:40"));
		assertThat(PriorityCalculator.effectivePriority(SLOW, low, at("09:06:40"))).isEqualTo(61);
		assertThat(PriorityCalculator.effectivePriority(SLOW, low, at("09:06:40").minusNanos(1))).isEqualTo(58);
		assertThat(PriorityCalculator.reachesPriority(SLOW, low, 62)).contains(at("09:07:00"));
		assertThat(PriorityCalculator.reachesPriority(SLOW, low, 1)).contains(at("09:00:00"));
		assertThat(PriorityCalculator.reachesPriority(SLOW, low, 101)).isEmpty();
		// value 0.1 x 100 = 10 and boost 5 leave 86 to aging: ceil((86 - 1) / 3) = 29 steps of 20 s
		assertThat(PriorityCalculator.reachesPriority(SLOW.withValueWeight(0.1),
				low.withBusinessValue(100).withSupervisorBoost(5), 101))
			.contains(at("09:09:40"));
		assertThat(PriorityCalculator.reachesPriority(PriorityPolicy.aging(5, 0, Duration.ofSeconds(1), 5), low, 6)).isEmpty();
	}

	@Test
	void reachesPriorityAgreesWithTheFormulaForRandomPolicies() {
		Random random = new Random(7);
		for (int i = 0; i < 5_000; i++) {
			PriorityPolicy policy = RandomPriorities.policy(random, at("09:00:00")).withCampaigns(List.of());
			PrioritySubject subject = RandomPriorities.subject(random, UUID.randomUUID(), at("09:00:00")).withCampaigns(List.of());
			long target = random.nextInt(200) - 20;

			var reached = PriorityCalculator.reachesPriority(policy, subject, target);

			Instant far = subject.waitingSince().plus(policy.interval().multipliedBy(policy.stepsToMax() + 1));
			if (reached.isEmpty()) {
				assertThat(PriorityCalculator.effectivePriority(policy, subject, far)).isLessThan(target);
			}
			else {
				assertThat(PriorityCalculator.effectivePriority(policy, subject, reached.get())).isGreaterThanOrEqualTo(target);
				if (reached.get().isAfter(subject.waitingSince())) {
					assertThat(PriorityCalculator.effectivePriority(policy, subject, reached.get().minusNanos(1))).isLessThan(target);
				}
			}
		}
	}

	@Test
	void namesEveryProblemOfAnInvalidPolicy() {
		PriorityPolicy invalid = new PriorityPolicy(50, -1, Duration.ZERO, 10, -0.5, null);

		assertThat(invalid.problems()).containsExactly("interval: must be a positive duration such as PT20S (was PT0S)",
				"increment: must not be negative (was -1)", "max: must be at least start (10 < 50)",
				"valueWeight: must lie within 0..1000000 (was -0.5)");
		assertThat(new PriorityPolicy(0, 0, null, 0, Double.NaN, List.of()).problems()).containsExactly("interval: is required",
				"valueWeight: must lie within 0..1000000 (was NaN)");
		assertThat(EMAIL.problems()).isEmpty();
	}

	@Test
	void refusesABusinessValueOutsideZeroToAThousand() {
		PrioritySubject subject = task("a", "09:00:00");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> subject.withBusinessValue(1001))
			.withMessage("businessValue: must lie within 0..1000 (was 1001)");
		assertThat(subject.withBusinessValue(1000).businessValue()).isEqualTo(1000);
	}

}
