package org.openwd.rules.priority;

import java.util.List;

/**
 * Why a task stands where it does at one moment: its tier (pin and SLA stage) with the reason, and every contribution to
 * its points. The contributions always add up to {@link #total()}.
 *
 * @param rank the resulting rank
 * @param tierReason why the task is in its tier, e.g. {@code overdue since 2026-03-02T11:00:00Z}
 * @param contributions each term of the points, in formula order
 */
public record PriorityExplanation(Rank rank, String tierReason, List<Contribution> contributions) {

	public PriorityExplanation {
		contributions = List.copyOf(contributions);
	}

	/** The effective priority (the points within the tier); equal to the sum of the contributions. */
	public long total() {
		return rank.points();
	}

	/**
	 * One term of the effective priority.
	 *
	 * @param name the term: {@code aging}, {@code business value}, {@code supervisor boost}, {@code campaign <name>}
	 * @param points what it adds now (0 for a campaign that has ended)
	 * @param why the numbers behind it
	 */
	public record Contribution(String name, long points, String why) {
	}

}
