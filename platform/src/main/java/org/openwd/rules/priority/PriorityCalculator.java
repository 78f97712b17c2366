package org.openwd.rules.priority;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openwd.rules.priority.PriorityExplanation.Contribution;

/**
 * The priority formula for one task at one moment (docs/priority.md):
 *
 * <pre>
 * points(t) = min(max, start + increment x floor((t - waitingSince) / interval))   aging (0 steps before waitingSince)
 *           + round(valueWeight x businessValue)                                     business value (null = 0)
 *           + supervisorBoost
 *           + sum of campaign boosts with t &lt; endsAt                               profile's and task's campaigns
 * rank(t)   = (pinned, slaStage(t), points(t), earlier waitingSince, taskId)         compared lexicographically
 * </pre>
 *
 * Pure functions of their arguments; the policy must be valid ({@link PriorityPolicy#problems()} empty).
 */
public final class PriorityCalculator {

	private PriorityCalculator() {
	}

	/** Whole intervals waited at {@code now}: {@code floor((now - waitingSince) / interval)}, and 0 before waitingSince. */
	public static long agingSteps(PriorityPolicy policy, Instant waitingSince, Instant now) {
		if (!now.isAfter(waitingSince)) {
			return 0;
		}
		return Duration.between(waitingSince, now).dividedBy(policy.interval());
	}

	/** The effective priority of the task at {@code now}: the points that order it within its tier. */
	public static long effectivePriority(PriorityPolicy policy, PrioritySubject subject, Instant now) {
		return policy.agingPoints(agingSteps(policy, subject.waitingSince(), now)) + policy.valuePoints(subject.businessValue())
				+ subject.supervisorBoost() + policy.campaignPoints(now) + subject.campaignPoints(now);
	}

	/** Where the task stands at {@code now}; compare ranks with {@link Rank#BEST_FIRST}. */
	public static Rank rank(PriorityPolicy policy, PrioritySubject subject, Instant now) {
		return new Rank(subject.pinned(), subject.slaStage(now), effectivePriority(policy, subject, now),
				subject.waitingSince(), subject.taskId());
	}

	/** The rank at {@code now} with every contribution and the reason for the tier. */
	public static PriorityExplanation explain(PriorityPolicy policy, PrioritySubject subject, Instant now) {
		List<Contribution> contributions = new ArrayList<>();
		contributions.add(aging(policy, subject.waitingSince(), now));
		contributions.add(businessValue(policy, subject.businessValue()));
		if (subject.supervisorBoost() != 0) {
			contributions.add(new Contribution("supervisor boost", subject.supervisorBoost(), "set by a supervisor"));
		}
		for (CampaignBoost campaign : policy.campaigns()) {
			contributions.add(campaign(campaign, "profile campaign", now));
		}
		for (CampaignBoost campaign : subject.campaigns()) {
			contributions.add(campaign(campaign, "task campaign", now));
		}
		long total = 0;
		for (Contribution contribution : contributions) {
			total += contribution.points();
		}
		Rank rank = new Rank(subject.pinned(), subject.slaStage(now), total, subject.waitingSince(), subject.taskId());
		return new PriorityExplanation(rank, tierReason(subject, rank.sla()), contributions);
	}

	/**
	 * The first instant at which aging alone lifts the task's points to at least {@code target}, counting aging, business
	 * value and the supervisor boost but not campaigns (they end) nor the SLA tier; {@code waitingSince} if the task starts
	 * there, empty if the cap keeps it below (or the instant is beyond what {@link Instant} can hold).
	 * <p>
	 * This is the starvation bound: with {@code target} one more than the highest points any competing task of a lower or
	 * equal tier can reach, the task is at the top of that tier from the returned instant on.
	 */
	public static Optional<Instant> reachesPriority(PriorityPolicy policy, PrioritySubject subject, long target) {
		long fixed = policy.valuePoints(subject.businessValue()) + subject.supervisorBoost();
		long needed = target - fixed;
		if (policy.agingPoints(0) >= needed) {
			return Optional.of(subject.waitingSince());
		}
		if (policy.increment() <= 0 || policy.max() < needed) {
			return Optional.empty();
		}
		long steps = Math.floorDiv(needed - policy.start() + policy.increment() - 1, (long) policy.increment());
		try {
			return Optional.of(subject.waitingSince().plus(policy.interval().multipliedBy(steps)));
		}
		catch (ArithmeticException | DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static Contribution aging(PriorityPolicy policy, Instant waitingSince, Instant now) {
		long steps = agingSteps(policy, waitingSince, now);
		long points = policy.agingPoints(steps);
		String every = " every " + human(policy.interval()) + " since " + waitingSince;
		String why;
		if (policy.increment() == 0) {
			why = "start " + policy.start() + ", no aging (increment 0)";
		}
		else if (steps == 0) {
			why = "start " + policy.start() + "; no whole step of +" + policy.increment() + every + " yet";
		}
		else {
			why = "start " + policy.start() + " + " + steps + (steps == 1 ? " step" : " steps") + " of +" + policy.increment()
					+ every;
			if (points == policy.max() && policy.start() + (double) policy.increment() * steps > policy.max()) {
				why += ", capped at max " + policy.max();
			}
		}
		return new Contribution("aging", points, why);
	}

	private static Contribution businessValue(PriorityPolicy policy, Integer value) {
		if (value == null) {
			return new Contribution("business value", 0, "no business value");
		}
		return new Contribution("business value", policy.valuePoints(value),
				"round(" + policy.valueWeight() + " x business value " + value + ")");
	}

	private static Contribution campaign(CampaignBoost campaign, String kind, Instant now) {
		boolean active = campaign.activeAt(now);
		return new Contribution("campaign " + campaign.name(), active ? campaign.boost() : 0,
				kind + (active ? " +" + campaign.boost() + " until " : ", ended at ") + campaign.endsAt());
	}

	private static String tierReason(PrioritySubject subject, SlaStage stage) {
		String sla = switch (stage) {
			case OVERDUE -> "overdue since " + subject.dueTime();
			case WARNING -> "inside the SLA warning window since " + subject.warningAt()
					+ (subject.dueTime() == null ? "" : ", due " + subject.dueTime());
			case NORMAL -> subject.warningAt() != null ? "normal until the SLA warning at " + subject.warningAt()
					: subject.dueTime() != null ? "normal until due at " + subject.dueTime() : "normal (no SLA)";
		};
		return subject.pinned() ? "pinned by a supervisor; " + sla : sla;
	}

	/** 20s, 5m, 2h, or the ISO form for anything else. */
	static String human(Duration duration) {
		if (duration.getNano() != 0) {
			return duration.toString();
		}
		long seconds = duration.getSeconds();
		if (seconds % 3600 == 0) {
			return seconds / 3600 + "h";
		}
		if (seconds % 60 == 0) {
			return seconds / 60 + "m";
		}
		return seconds + "s";
	}

}
