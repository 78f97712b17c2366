package org.openwd.task;

/** The verbs that change a task; each is recorded in the task's history. */
public enum TaskAction {

	CAPTURE, CLASSIFY, SCHEDULE, ACTIVATE, ERROR_HOLD, OFFER, ACCEPT, DECLINE, EXPIRE, ASSIGN, RETURN_TO_QUEUE, COMPLETE,
	COMPLETE_FROM_SOURCE, CANCEL, REJECT, HOLD, RESUME, RESTART, UPDATE, PRIORITIZE, DEFER,
	/** An escalation step recorded on the task (warning, overdue, review, notification); the state stays. */
	ESCALATE,
	/** The task's cascade target was fixed to a step, or to everyone with the required skills. */
	RETARGET,
	/** The task moved to another routing profile. */
	REROUTE

}
