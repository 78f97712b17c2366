package org.openwd.rules.priority;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the priority of one kind of work grows, taken from its routing profile.
 * <p>
 * Aging points after {@code steps} whole intervals of waiting are {@code min(max, start + increment x steps)}; the
 * business-value contribution is {@code round(valueWeight x businessValue)}; each campaign adds its boost to every task of
 * the profile until it ends. See {@code docs/priority.md}.
 * <p>
 * The record accepts any values so that an API can report every problem at once: check {@link #problems()} before use.
 * {@link PriorityCalculator} assumes a valid policy and {@link AgingOrderIndex} refuses an invalid one.
 *
 * @param start points of a task that has just been queued
 * @param increment points added per whole interval waited; never negative, which is what keeps the oldest task of an
 * aging class at its head forever
 * @param interval the aging step
 * @param max the cap of the aging points (start plus increments), before value and boosts are added
 * @param valueWeight points per unit of business value (0..1000 per task)
 * @param campaigns profile-wide temporary boosts; changing them is a policy change, which costs the index no per-task work
 */
public record PriorityPolicy(int start, int increment, Duration interval, int max, double valueWeight,
		List<CampaignBoost> campaigns) {

	/** The largest accepted value weight; with business values of at most 1000 it keeps every sum far from overflow. */
	public static final double MAX_VALUE_WEIGHT = 1_000_000;

	public PriorityPolicy {
		campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
	}

	/** A policy with aging only: no business-value weight and no campaigns. */
	public static PriorityPolicy aging(int start, int increment, Duration interval, int max) {
		return new PriorityPolicy(start, increment, interval, max, 0, List.of());
	}

	public PriorityPolicy withValueWeight(double weight) {
		return new PriorityPolicy(start, increment, interval, max, weight, campaigns);
	}

	public PriorityPolicy withCampaigns(List<CampaignBoost> newCampaigns) {
		return new PriorityPolicy(start, increment, interval, max, valueWeight, newCampaigns);
	}

	/** Every problem of this policy as {@code field: message}; empty when valid. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (interval == null) {
			problems.add("interval: is required");
		}
		else if (interval.isZero() || interval.isNegative()) {
			problems.add("interval: must be a positive duration such as PT20S (was " + interval + ")");
		}
		if (increment < 0) {
			problems.add("increment: must not be negative (was " + increment + ")");
		}
		if (max < start) {
			problems.add("max: must be at least start (" + max + " < " + start + ")");
		}
		if (!(valueWeight >= 0 && valueWeight <= MAX_VALUE_WEIGHT)) {
			problems.add("valueWeight: must lie within 0.." + (long) MAX_VALUE_WEIGHT + " (was " + valueWeight + ")");
		}
		for (int i = 0; i < campaigns.size(); i++) {
			if (campaigns.get(i) == null) {
				problems.add("campaigns[" + i + "]: must not be null");
			}
		}
		return problems;
	}

	/** The number of whole intervals after which the aging points stop growing (0 when they never grow). */
	public long stepsToMax() {
		if (increment <= 0 || max <= start) {
			return 0;
		}
		return ((long) max - start + increment - 1) / increment;
	}

	/** {@code min(max, start + increment x steps)}, computed without overflow for any number of steps. */
	public long agingPoints(long steps) {
		if (steps <= 0) {
			return Math.min(start, max);
		}
		long effectiveSteps = Math.min(steps, stepsToMax());
		return Math.min(max, start + increment * effectiveSteps);
	}

	/** {@code round(valueWeight x businessValue)}, a missing value counting as 0. */
	public long valuePoints(Integer businessValue) {
		return businessValue == null ? 0 : Math.round(valueWeight * businessValue);
	}

	/** The sum of the profile's campaign boosts still running at {@code now}. */
	public long campaignPoints(Instant now) {
		return CampaignBoost.activeSum(campaigns, now);
	}

}
