package org.openwd.connector.mapping;

import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemCompletion;
import org.openwd.connector.api.ItemUpdate;

/** What one mapped record asks of the task list: capture, update, cancel or complete an item. */
public sealed interface SourceCommand {

	/** The item's external id. */
	String externalId();

	/**
	 * Delivers the command to the sink. A capture of a key captured before is followed by the update it implies
	 * (when the mapping upserts), so a re-read record with new content changes the task.
	 * @return a short description of what happened, e.g. {@code "captured"}, {@code "updated: UNCHANGED"}
	 * @throws org.openwd.connector.api.CaptureException from the sink
	 */
	String deliver(CaptureSink sink);

	/** A new item; {@code update} carries the same content as changes (for upserts), or {@code null}. */
	record Capture(CapturedItem item, ItemUpdate update) implements SourceCommand {

		@Override
		public String externalId() {
			return this.item.externalId();
		}

		@Override
		public String deliver(CaptureSink sink) {
			if (sink.capture(this.item).created()) {
				return "captured";
			}
			if (this.update == null || !this.update.hasChanges()) {
				return "captured before";
			}
			return "captured before, updated: " + sink.update(this.update).outcome();
		}

	}

	record Update(ItemUpdate update) implements SourceCommand {

		@Override
		public String externalId() {
			return this.update.externalId();
		}

		@Override
		public String deliver(CaptureSink sink) {
			return "updated: " + sink.update(this.update).outcome();
		}

	}

	record Cancel(ItemCancel cancel) implements SourceCommand {

		@Override
		public String externalId() {
			return this.cancel.externalId();
		}

		@Override
		public String deliver(CaptureSink sink) {
			return "canceled: " + sink.cancel(this.cancel).outcome();
		}

	}

	record Complete(ItemCompletion completion) implements SourceCommand {

		@Override
		public String externalId() {
			return this.completion.externalId();
		}

		@Override
		public String deliver(CaptureSink sink) {
			return "completed: " + sink.complete(this.completion).outcome();
		}

	}

}
