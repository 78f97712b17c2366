package org.openwd.task;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A source system's changes to its own tasks, addressed by source system + external id, as connectors deliver them.
 * Every call is one transaction and answers with a decision instead of an exception for the normal cases a source
 * meets when it delivers at least once: the item is unknown, the change was applied before, the task is closed.
 */
public interface SourceTaskChanges {

	/** What a source's change did. */
	enum Outcome {

		/** The change was applied. */
		APPLIED,
		/** The task already was in the requested state; nothing changed. */
		UNCHANGED,
		/** No task with this source key; nothing changed. */
		UNKNOWN_ITEM,
		/** The task is closed in another way and can no longer change; nothing changed. */
		TASK_CLOSED

	}

	/**
	 * @param taskId the task, {@code null} exactly when the outcome is {@link Outcome#UNKNOWN_ITEM}
	 * @param outcome what happened
	 */
	record Result(TaskId taskId, Outcome outcome) {
	}

	/**
	 * A source's update: {@code null} fields stay as they are; attribute keys mapped to {@code null} are removed.
	 */
	record Update(String title, String description, Integer businessValue, Instant dueTime, Map<String, Object> attributes) {
	}

	Optional<TaskSnapshot> findBySource(String sourceSystem, String externalId);

	Result update(String sourceSystem, String externalId, Update update, String actor);

	Result cancel(String sourceSystem, String externalId, String reason, String actor);

	Result complete(String sourceSystem, String externalId, String outcome, String actor);

}
