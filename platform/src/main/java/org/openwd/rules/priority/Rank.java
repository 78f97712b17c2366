package org.openwd.rules.priority;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * Where a task stands at one moment. Tasks are ordered lexicographically, best first, by:
 * <ol>
 * <li>{@code pinned} (pinned first),</li>
 * <li>{@code sla} ({@link SlaStage#OVERDUE} before {@link SlaStage#WARNING} before {@link SlaStage#NORMAL}),</li>
 * <li>{@code points} (the effective priority, higher first),</li>
 * <li>{@code waitingSince} (waiting longest first),</li>
 * <li>{@code taskId} (so that the order is total and repeatable).</li>
 * </ol>
 *
 * @param pinned pinned by a supervisor
 * @param sla the SLA stage
 * @param points the effective priority: aging + business value + supervisor boost + running campaigns
 * @param waitingSince when the task first became queued
 * @param taskId the task
 */
public record Rank(boolean pinned, SlaStage sla, long points, Instant waitingSince, UUID taskId) {

	/** Best first: sort with this and the first element is the task to hand out. */
	public static final Comparator<Rank> BEST_FIRST = Comparator.comparing(Rank::pinned, Comparator.reverseOrder())
		.thenComparing(Rank::sla, Comparator.reverseOrder())
		.thenComparing(Rank::points, Comparator.reverseOrder())
		.thenComparing(Rank::waitingSince)
		.thenComparing(Rank::taskId);

	/** {@code 0..5}: pinned x 3 + SLA stage; a higher tier outranks a lower one whatever the points. */
	public int tier() {
		return (pinned ? 3 : 0) + sla.ordinal();
	}

	/** Whether this task comes before {@code other}. */
	public boolean outranks(Rank other) {
		return BEST_FIRST.compare(this, other) < 0;
	}

}
