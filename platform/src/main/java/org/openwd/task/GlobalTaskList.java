package org.openwd.task;

import java.time.Instant;
import java.util.Optional;

/**
 * What other modules may do with tasks in the global task list. Every call is one transaction: the change and its
 * history are committed together, and the resulting events are published from the persistent registry.
 */
public interface GlobalTaskList {

	Optional<TaskSnapshot> find(TaskId id);

	/**
	 * Reads a task to change it, if it is still open: in the caller's transaction (its own if there is none), holding
	 * the task's row lock until that transaction ends. One statement ({@code select ... for update}), none for a task
	 * this transaction has locked already, and the verbs that follow in the transaction read nothing more. Shows
	 * changes of this transaction that are not written yet. Empty when the task is closed (completed, canceled,
	 * rejected) or does not exist.
	 */
	Optional<TaskSnapshot> findOpenForChange(TaskId id);

	/** Streams every task in a state, page by page in id order (each page its own read), e.g. to rebuild an index. */
	void forEachInState(TaskState state, java.util.function.Consumer<TaskSnapshot> consumer);

	/** The tasks offered to or assigned to an employee right now. */
	java.util.List<TaskSnapshot> openAssignments(String employee);

	/** Every task offered to or assigned to anyone right now, in one query of the few columns it needs. */
	java.util.List<OpenAssignment> openAssignments();

	TaskSnapshot offer(TaskId id, String employee, Instant expiresAt, String actor);

	/**
	 * Offers or assigns several queued tasks in one transaction (the caller's, when it has one): the task rows are
	 * locked in one statement, in key order, and each handover is applied only if its task is still QUEUED. The answer
	 * has one element per handover, in order: the changed task, or empty when it was not queued any more.
	 */
	java.util.List<Optional<TaskSnapshot>> handOver(java.util.List<Handover> handovers);

	/**
	 * How many tasks each of these employees holds offered or assigned right now, per routing profile ({@code ""} for
	 * tasks without one): one grouped, indexed query. Employees holding nothing are absent.
	 */
	java.util.Map<String, java.util.Map<String, Integer>> openAssignmentCounts(java.util.Collection<String> employees);

	TaskSnapshot accept(TaskId id, String employee);

	TaskSnapshot decline(TaskId id, String employee, String reason);

	TaskSnapshot expireOffer(TaskId id);

	TaskSnapshot assign(TaskId id, String employee, String actor);

	TaskSnapshot returnToQueue(TaskId id, String reason, String actor);

	TaskSnapshot complete(TaskId id, String outcome, String actor);

	/** Parks an assigned task until a time (SCHEDULED), after which it is queued again. */
	TaskSnapshot defer(TaskId id, java.time.Instant until, String reason, String actor);

	/** Starts a task over: back to CAPTURED and classified again with the rules in force now. */
	TaskSnapshot restart(TaskId id, String reason, String actor);

	/** Holds a task (supervisor or source). */
	TaskSnapshot hold(TaskId id, String reason, String actor);

	/**
	 * Completions since a moment, grouped by routing profile and department, with how many met their due time: one
	 * indexed aggregate query, so service levels can be rebuilt after a restart and kept equal on every node.
	 */
	java.util.List<CompletionCount> completionsSince(Instant since);

	/** Cancels an open task (a supervisor or an escalation). */
	TaskSnapshot cancel(TaskId id, String reason, String actor);

	/** Pins and/or boosts an open task's priority (replaces the previous override). */
	TaskSnapshot prioritize(TaskId id, boolean pinned, int boost, String reason, String actor);

	/**
	 * Fixes which cascade step may take the task: {@code null} = back to widening with waiting time, {@code n >= 0} =
	 * step n, {@link TaskSnapshot#ALL_WITH_SKILLS} = everyone with the required skills.
	 */
	TaskSnapshot retarget(TaskId id, Integer step, String reason, String actor);

	/** Moves an open task to another routing profile (its due times stay). */
	TaskSnapshot reroute(TaskId id, String routingProfile, String reason, String actor);

	/** Records an escalation step in the task's history and sets its escalation stage; the state stays. */
	TaskSnapshot recordEscalation(TaskId id, String stage, java.util.Map<String, Object> details, String actor);

}
