package org.openwd.rules.priority;

import java.time.Instant;

/**
 * Where a task stands against its SLA. Stages are tiers, not points: every task in a later stage outranks every task
 * in an earlier one, whatever their points.
 */
public enum SlaStage {

	/** Before the warning time, or no SLA. */
	NORMAL,

	/** {@code warningAt <= now < dueTime}. */
	WARNING,

	/** {@code now >= dueTime}. */
	OVERDUE;

	/**
	 * The stage at {@code now}.
	 *
	 * @param warningAt start of the warning window, or {@code null} for none
	 * @param dueTime the due time, or {@code null} for none
	 */
	public static SlaStage at(Instant warningAt, Instant dueTime, Instant now) {
		if (dueTime != null && !now.isBefore(dueTime)) {
			return OVERDUE;
		}
		if (warningAt != null && !now.isBefore(warningAt)) {
			return WARNING;
		}
		return NORMAL;
	}

}
