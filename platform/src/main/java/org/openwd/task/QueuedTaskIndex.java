package org.openwd.task;

import java.util.List;

/**
 * An in-memory index over the queued tasks that is rebuilt from the database at start-up (the distribution engine,
 * the queue order). The task list reads the queued tasks once for all of them, when the application is ready: one
 * streamed query of the columns a {@link QueuedTaskView} holds, handed to every index batch by batch on the reading
 * thread, so the indexes rebuild side by side from one pass instead of each reading every task again.
 * <p>
 * Calls come in this order: {@link #rebuildStarting()}, {@link #rebuildBatch} any number of times,
 * {@link #rebuildFinished}. An index that does its work on another thread must not keep the reading thread waiting
 * longer than it needs (the next batch is read meanwhile); events about tasks may arrive during the pass, and the
 * index should prefer what it re-read for them over a batch read earlier.
 */
public interface QueuedTaskIndex {

	/** Before the first batch. */
	default void rebuildStarting() {
	}

	/** Queued tasks, in no particular order; the list is not changed afterwards and may be kept. */
	void rebuildBatch(List<QueuedTaskView> batch);

	/** After the last batch: {@code count} queued tasks were read in all. */
	void rebuildFinished(long count);

}
