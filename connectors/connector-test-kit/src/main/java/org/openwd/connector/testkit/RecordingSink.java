package org.openwd.connector.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureOutcome;
import org.openwd.connector.api.CaptureResult;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ChangeResult;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemCompletion;
import org.openwd.connector.api.ItemUpdate;
import org.openwd.connector.api.MalformedInput;

/**
 * An in-memory {@link CaptureSink} with the platform's semantics: one task per source system + external id (a second
 * capture answers {@code created == false} and changes nothing), updates merge, cancel and complete close the task,
 * a repeated change answers {@code UNCHANGED}, a change to a closed task {@code TASK_CLOSED}, a change to an unknown
 * item {@code UNKNOWN_ITEM}. Thread-safe. Tests can make the next calls fail, and after {@link #sourceClosed()} every
 * call is counted as a violation of the SPI (and rejected with {@link IllegalStateException}).
 * <p>
 * {@link #captureAll} is atomic like the platform's: a queued retryable failure fails the whole call and records
 * nothing; a queued non-retryable failure, or a key given to {@link #rejectCapturesOf}, rejects that one item and the
 * others are captured. {@link #batchCalls()} and {@link #largestBatch()} show whether a source batches.
 */
public final class RecordingSink implements CaptureSink {

	/** What the sink holds for one key: the item as captured, then changed by updates, and its state. */
	public record RecordedTask(String taskId, CapturedItem item, String title, Map<String, Object> attributes,
			State state, String closeReason) {
	}

	/** The states the recording sink distinguishes. */
	public enum State {

		OPEN, CANCELED, COMPLETED

	}

	private final Map<String, RecordedTask> tasks = new LinkedHashMap<>();

	private final List<MalformedInput> malformed = new ArrayList<>();

	private final Deque<RuntimeException> failures = new ArrayDeque<>();

	private final List<String> log = new ArrayList<>();

	private boolean closed;

	private int violations;

	private int calls;

	private int batchCalls;

	private int largestBatch;

	private final Map<String, String> rejectedKeys = new HashMap<>();

	private final Map<String, Integer> rejections = new HashMap<>();

	/** The next sink call throws this instead of committing (queued: several calls can be made to fail). */
	public synchronized void failNextCallWith(RuntimeException failure) {
		this.failures.addLast(failure);
	}

	/** The source's {@code close()} returned: from now on every call is a bug in the source. */
	public synchronized void sourceClosed() {
		this.closed = true;
	}

	/**
	 * Every capture of this external id is rejected for good (non-retryable), in {@link #capture} and in
	 * {@link #captureAll}, as the platform rejects an item it can never store.
	 */
	public synchronized void rejectCapturesOf(String externalId, String reason) {
		this.rejectedKeys.put(externalId, reason);
	}

	@Override
	public synchronized CaptureResult capture(CapturedItem item) {
		enter("capture " + item.externalId());
		CaptureException rejected = rejection(item);
		if (rejected != null) {
			this.log.set(this.log.size() - 1, "capture " + item.externalId() + " failed: " + rejected.getMessage());
			throw rejected;
		}
		return record(item);
	}

	@Override
	public synchronized List<CaptureOutcome> captureAll(List<CapturedItem> items) {
		this.calls++;
		this.batchCalls++;
		this.largestBatch = Math.max(this.largestBatch, items.size());
		if (this.closed) {
			this.violations++;
			throw new IllegalStateException("sink called after the source was closed: captureAll " + items.size());
		}
		RuntimeException head = this.failures.peekFirst();
		if (head != null && !(head instanceof CaptureException ex && !ex.retryable())) {
			// the whole call fails and commits nothing
			this.failures.pollFirst();
			items.forEach(item -> this.log.add("capture " + item.externalId() + " failed: " + head.getMessage()));
			throw head;
		}
		List<CaptureOutcome> outcomes = new ArrayList<>(items.size());
		for (CapturedItem item : items) {
			RuntimeException failure = this.failures.peekFirst() instanceof CaptureException ex && !ex.retryable()
					? this.failures.pollFirst() : null;
			CaptureException rejected = failure != null ? (CaptureException) failure : rejection(item);
			if (rejected != null) {
				this.log.add("capture " + item.externalId() + " failed: " + rejected.getMessage());
				outcomes.add(CaptureOutcome.failed(rejected));
			}
			else {
				this.log.add("capture " + item.externalId());
				outcomes.add(CaptureOutcome.captured(record(item)));
			}
		}
		return outcomes;
	}

	private CaptureException rejection(CapturedItem item) {
		String reason = this.rejectedKeys.get(item.externalId());
		if (reason == null) {
			return null;
		}
		this.rejections.merge(item.externalId(), 1, Integer::sum);
		return CaptureException.rejected(reason);
	}

	private CaptureResult record(CapturedItem item) {
		String key = key(item.sourceSystem(), item.externalId());
		RecordedTask existing = this.tasks.get(key);
		if (existing != null) {
			return new CaptureResult(existing.taskId(), false);
		}
		RecordedTask task = new RecordedTask("task-" + (this.tasks.size() + 1), item, item.title(),
				new LinkedHashMap<>(item.attributes()), State.OPEN, null);
		this.tasks.put(key, task);
		return new CaptureResult(task.taskId(), true);
	}

	@Override
	public synchronized ChangeResult update(ItemUpdate update) {
		enter("update " + update.externalId());
		String key = key(update.sourceSystem(), update.externalId());
		RecordedTask task = this.tasks.get(key);
		if (task == null) {
			return ChangeResult.unknownItem();
		}
		if (task.state() != State.OPEN) {
			return ChangeResult.taskClosed(task.taskId());
		}
		String title = update.title() != null ? update.title() : task.title();
		Map<String, Object> attributes = new LinkedHashMap<>(task.attributes());
		update.attributes().forEach((name, value) -> {
			if (value == null) {
				attributes.remove(name);
			}
			else {
				attributes.put(name, value);
			}
		});
		if (title.equals(task.title()) && attributes.equals(task.attributes())) {
			return ChangeResult.unchanged(task.taskId());
		}
		this.tasks.put(key, new RecordedTask(task.taskId(), task.item(), title, attributes, task.state(), null));
		return ChangeResult.applied(task.taskId());
	}

	@Override
	public synchronized ChangeResult cancel(ItemCancel cancel) {
		enter("cancel " + cancel.externalId());
		return close(key(cancel.sourceSystem(), cancel.externalId()), State.CANCELED, cancel.reason());
	}

	@Override
	public synchronized ChangeResult complete(ItemCompletion completion) {
		enter("complete " + completion.externalId());
		return close(key(completion.sourceSystem(), completion.externalId()), State.COMPLETED, completion.outcome());
	}

	private ChangeResult close(String key, State to, String reason) {
		RecordedTask task = this.tasks.get(key);
		if (task == null) {
			return ChangeResult.unknownItem();
		}
		if (task.state() == to) {
			return ChangeResult.unchanged(task.taskId());
		}
		if (task.state() != State.OPEN) {
			return ChangeResult.taskClosed(task.taskId());
		}
		this.tasks.put(key, new RecordedTask(task.taskId(), task.item(), task.title(), task.attributes(), to, reason));
		return ChangeResult.applied(task.taskId());
	}

	@Override
	public synchronized void reportMalformed(MalformedInput input) {
		enter("malformed " + input.location());
		this.malformed.add(input);
	}

	private void enter(String what) {
		this.calls++;
		if (this.closed) {
			this.violations++;
			throw new IllegalStateException("sink called after the source was closed: " + what);
		}
		RuntimeException failure = this.failures.pollFirst();
		if (failure != null) {
			this.log.add(what + " failed: " + failure.getMessage());
			throw failure;
		}
		this.log.add(what);
	}

	private static String key(String sourceSystem, String externalId) {
		return sourceSystem + "\u0000" + externalId;
	}

	/** Every task, in capture order. */
	public synchronized List<RecordedTask> tasks() {
		return List.copyOf(this.tasks.values());
	}

	public synchronized Optional<RecordedTask> task(String sourceSystem, String externalId) {
		return Optional.ofNullable(this.tasks.get(key(sourceSystem, externalId)));
	}

	public synchronized List<MalformedInput> malformed() {
		return List.copyOf(this.malformed);
	}

	/** How many sink calls were made, including failed ones. */
	public synchronized int calls() {
		return this.calls;
	}

	/** How many {@link #captureAll} calls were made, including failed ones. */
	public synchronized int batchCalls() {
		return this.batchCalls;
	}

	/** The most items one {@link #captureAll} call carried. */
	public synchronized int largestBatch() {
		return this.largestBatch;
	}

	/** How often a key given to {@link #rejectCapturesOf} was rejected. */
	public synchronized int rejectionsOf(String externalId) {
		return this.rejections.getOrDefault(externalId, 0);
	}

	/** Sink calls made after {@link #sourceClosed()}. */
	public synchronized int violations() {
		return this.violations;
	}

	/** What was called, in order ({@code "capture K-1"}, {@code "capture K-1 failed: ..."}). */
	public synchronized List<String> log() {
		return List.copyOf(this.log);
	}

	/** Whether a capture of the key has failed before (so a later one is a redelivery). */
	public synchronized boolean captureFailedFor(String externalId) {
		return this.log.contains("capture " + externalId + " failed: " + "contract: first attempt fails");
	}

	static CaptureException firstAttemptFails() {
		return CaptureException.temporaryFailure("contract: first attempt fails", null);
	}

}
