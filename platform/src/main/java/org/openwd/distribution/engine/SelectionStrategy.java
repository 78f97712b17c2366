package org.openwd.distribution.engine;

/** How to choose among several eligible ready employees for one task. */
public enum SelectionStrategy {

	/** The one idle longest (ready with free capacity since the earliest moment). */
	LONGEST_IDLE,
	/** The one who received the least work over the rolling window (counts work handed out today), then longest idle. */
	LEAST_OCCUPIED,
	/** The one with the highest proficiency in the task's skills, then longest idle. */
	BEST_PROFICIENCY

}
