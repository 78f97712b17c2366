package org.openwd.connector.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What the platform gives a {@link ConnectorSource} to deliver into: the entrance to the
 * global task list.
 *
 * <h2>Commit semantics</h2>
 * <p>
 * Every method blocks until its effect is durably committed. A normal return means the
 * platform will not lose the change even if it crashes right afterwards, and only then
 * may the source acknowledge the input upstream (ack the message, advance its watermark,
 * move the file). Blocking is also the platform's back-pressure: a source that waits for
 * the sink never outruns it.
 * <p>
 * A {@link CaptureException} means nothing was committed;
 * {@link CaptureException#retryable()} says whether to deliver the input again later or
 * to give it up as poison. Results are never errors: a redelivered capture or an update
 * for an unknown item is a normal answer.
 *
 * <h2>Idempotence</h2>
 * <p>
 * The platform identifies an item by source system + external id and deduplicates on it.
 * Delivering the same input twice is always safe: a second {@link #capture} returns
 * {@code created == false} and changes nothing, a second {@link #update}, {@link #cancel}
 * or {@link #complete} returns {@link ChangeResult.Outcome#UNCHANGED}. So at-least-once
 * delivery from the source becomes exactly-once capture.
 *
 * <h2>Threading and ordering</h2>
 * <p>
 * Implementations are thread-safe: a source may call them from any number of threads at
 * once. Calls made one after another (the next starts after the previous returned) take
 * effect in that order; concurrent calls have no defined order, so a source that must
 * keep the order of an item's changes delivers them one after another.
 * <p>
 * Calls after the source's {@link ConnectorSource#close()} returned are a bug; the sink
 * may reject them with {@link IllegalStateException}.
 *
 * <h2>Batches</h2>
 * <p>
 * A source that reads many items at once (a batch of queued messages, a page of rows)
 * may hand them to {@link #captureAll} instead of calling {@link #capture} for each. The
 * platform captures them in one transaction, which costs much less per item. Each item
 * is answered like a single capture; one bad item is rejected on its own and does not
 * take the good ones with it.
 */
public interface CaptureSink {

	/**
	 * Captures a new item as a task, unless its key was captured before.
	 * @param item the item
	 * @return the task's id and whether this call created it
	 * @throws CaptureException if nothing was committed
	 */
	CaptureResult capture(CapturedItem item);

	/**
	 * Captures several items, each exactly as {@link #capture} would, in as few
	 * transactions as the sink can (the platform: one). Idempotence holds within the call
	 * and across calls: an item whose key was captured before, or appears earlier in the
	 * same list, is answered {@code created == false} with the first item's task.
	 * <p>
	 * A normal return means every item whose outcome {@link CaptureOutcome#isCaptured()
	 * is captured} is durably committed; the source acknowledges those upstream and
	 * handles each failed item as if {@link #capture} had thrown its
	 * {@link CaptureOutcome#failure()} (dead-letter the poison, redeliver the retryable).
	 * Items are applied in list order, so a source keeps an item's order by putting its
	 * later changes ({@link #update} and the others) after the call returned.
	 * <p>
	 * After a retryable failure of one item the sink may stop: the items after it then
	 * carry the same retryable failure, uncommitted, so that nothing overtakes the item
	 * that is delivered again.
	 * <p>
	 * The default implementation calls {@link #capture} for each item, and stops at the
	 * first retryable failure.
	 * @param items the items, in upstream order; may be empty
	 * @return one outcome per item, in the order of {@code items}
	 * @throws CaptureException if nothing was committed, e.g. because the database is
	 * unavailable; such a failure is always {@link CaptureException#retryable()
	 * retryable}: deliver every item again later. Rejections of single items are outcomes,
	 * never exceptions.
	 */
	default List<CaptureOutcome> captureAll(List<CapturedItem> items) {
		List<CaptureOutcome> outcomes = new ArrayList<>(items.size());
		CaptureException passing = null;
		for (CapturedItem item : items) {
			if (passing != null) {
				outcomes.add(CaptureOutcome.failed(passing));
				continue;
			}
			try {
				outcomes.add(CaptureOutcome.captured(capture(item)));
			}
			catch (CaptureException ex) {
				outcomes.add(CaptureOutcome.failed(ex));
				passing = ex.retryable() ? ex : null;
			}
		}
		return outcomes;
	}

	/**
	 * Applies a source system's changes to a captured item's task.
	 * @param update the changes
	 * @return what the update did
	 * @throws CaptureException if nothing was committed
	 */
	ChangeResult update(ItemUpdate update);

	/**
	 * Cancels a captured item's task because the source system withdrew the item.
	 * @param cancel which item and why
	 * @return what the cancel did
	 * @throws CaptureException if nothing was committed
	 */
	ChangeResult cancel(ItemCancel cancel);

	/**
	 * Completes a captured item's task because the work was done in the source system.
	 * @param completion which item and how it ended
	 * @return what the completion did
	 * @throws CaptureException if nothing was committed
	 */
	ChangeResult complete(ItemCompletion completion);

	/**
	 * Records input the source could not map, so that operators see it. After a normal
	 * return the source skips or dead-letters the input and acknowledges it upstream.
	 * @param input where the input is and what is wrong with it
	 * @throws CaptureException if nothing was recorded (retryable: report it again later)
	 */
	void reportMalformed(MalformedInput input);

}
