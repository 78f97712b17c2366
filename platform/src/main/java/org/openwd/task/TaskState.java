package org.openwd.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle states of a task in the global task list, modelled on iWD and Twilio TaskRouter.
 * See docs/task-lifecycle.md for the transition table.
 */
public enum TaskState {

	/** Captured from a source, not yet classified. */
	CAPTURED,
	/** Classified; its activation time lies in the future (deferred work). */
	SCHEDULED,
	/** Waiting for an employee. */
	QUEUED,
	/** Reserved for one employee who has not yet accepted. */
	OFFERED,
	/** Accepted by (or assigned to) an employee who is working on it. */
	ASSIGNED,
	/** Paused by a supervisor or the source. */
	HELD,
	/** Could not be classified; waits for a human. */
	ERROR_HELD,
	/** Done. Terminal. */
	COMPLETED,
	/** Withdrawn by the source or a supervisor. Terminal. */
	CANCELED,
	/** Refused by the source or found invalid. Terminal. */
	REJECTED;

	private static final Set<TaskState> TERMINAL = EnumSet.of(COMPLETED, CANCELED, REJECTED);

	public boolean isTerminal() {
		return TERMINAL.contains(this);
	}

	/** States from which work is still to be done. */
	public static Set<TaskState> open() {
		return EnumSet.complementOf(EnumSet.copyOf(TERMINAL));
	}

}
