package org.openwd.task;

import java.util.List;

/**
 * Puts work into the global task list, exactly once per source system and external id. Each call returns after the
 * task, its history and its events are durably committed.
 */
public interface TaskCapture {

	/** Captures one task; a repeat of the same source key returns the existing task unchanged. */
	CaptureResult capture(NewTask task, String actor);

	/** Captures many tasks in one transaction; each item is answered like {@link #capture}. */
	List<CaptureResult> captureBatch(List<NewTask> tasks, String actor);

}
