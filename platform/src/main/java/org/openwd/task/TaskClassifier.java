package org.openwd.task;

import java.time.Instant;
import java.util.Set;

/**
 * Decides where a freshly captured (or updated, or restarted) task belongs. The rules module provides the DMN-based
 * implementation; without it, {@link #passThrough()} keeps what the source sent.
 * Implementations must be fast and side-effect free: they run inside the capture transaction.
 */
@FunctionalInterface
public interface TaskClassifier {

	Classification classify(TaskSnapshot task);

	/** Keeps the source's department, process, value, skills and due time. */
	static TaskClassifier passThrough() {
		return task -> new Classification.Classified(task.department(), task.process(), task.businessValue(),
				task.requiredSkills(), task.sourceDueTime(), null, null, "pass-through");
	}

	/** Result of a classification. */
	sealed interface Classification {

		/**
		 * @param department department, may be {@code null}
		 * @param process process, may be {@code null}
		 * @param businessValue business value, may be {@code null}
		 * @param requiredSkills skills an employee needs
		 * @param dueTime SLA due time, may be {@code null}
		 * @param warningAt start of the SLA warning window, may be {@code null}
		 * @param routingProfile the routing profile that orders and routes the task, may be {@code null}
		 * @param decisionRef which rule set (and version) decided, recorded on the task
		 */
		record Classified(String department, String process, Integer businessValue, Set<String> requiredSkills,
				Instant dueTime, Instant warningAt, String routingProfile, String decisionRef) implements Classification {
		}

		/** No rule matched, or evaluation failed: the task goes to ERROR_HELD with this reason. */
		record Unclassifiable(String reason, String decisionRef) implements Classification {
		}

	}

}
