package org.openwd.connector.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
import org.openwd.task.NewTask;
import org.openwd.task.SourceTaskChanges;
import org.openwd.task.TaskCapture;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.NonTransientDataAccessException;

/**
 * The platform's {@link CaptureSink} for one hosted connector: captures into {@link TaskCapture}, applies changes
 * through {@link SourceTaskChanges}, records malformed input. Each call returns after its transaction committed.
 * Input the task list can never store (a missing type, a title over 500 characters) is rejected for good; passing
 * failures (database unavailable, lock timeouts, a lost optimistic-lock race) are retryable.
 * <p>
 * {@link #captureAll} checks each item on its own (a bad one is rejected alone) and captures the good ones in one
 * transaction through {@link TaskCapture#captureBatch}, the path of the REST batch endpoint. If that transaction fails,
 * the items are captured one by one, so that an item the database refuses is rejected alone too; the first retryable
 * failure stops there (the database is in trouble, and nothing may overtake the item delivered again).
 */
final class PlatformCaptureSink implements CaptureSink {

	private final String connector;

	private final String actor;

	private final TaskCapture capture;

	private final SourceTaskChanges changes;

	private final MalformedInputStore malformed;

	private final Clock clock;

	private final Runnable onMalformed;

	private volatile boolean closed;

	PlatformCaptureSink(String connector, TaskCapture capture, SourceTaskChanges changes, MalformedInputStore malformed,
			Clock clock, Runnable onMalformed) {
		this.connector = connector;
		this.actor = "connector:" + connector;
		this.capture = capture;
		this.changes = changes;
		this.malformed = malformed;
		this.clock = clock;
		this.onMalformed = onMalformed;
	}

	void close() {
		this.closed = true;
	}

	@Override
	public CaptureResult capture(CapturedItem item) {
		NewTask task = toNewTask(item);
		org.openwd.task.CaptureResult result = call(() -> this.capture.capture(task, this.actor));
		return new CaptureResult(result.task().id().toString(), result.created());
	}

	@Override
	public List<CaptureOutcome> captureAll(List<CapturedItem> items) {
		CaptureOutcome[] outcomes = new CaptureOutcome[items.size()];
		List<NewTask> valid = new ArrayList<>(items.size());
		List<Integer> validIndexes = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			try {
				valid.add(toNewTask(items.get(i)));
				validIndexes.add(i);
			}
			catch (CaptureException ex) {
				outcomes[i] = CaptureOutcome.failed(ex);
			}
		}
		if (!valid.isEmpty()) {
			List<org.openwd.task.CaptureResult> captured;
			try {
				captured = call(() -> this.capture.captureBatch(valid, this.actor));
			}
			catch (CaptureException batchFailed) {
				captured = null;
			}
			CaptureException passing = null;
			for (int k = 0; k < valid.size(); k++) {
				int i = validIndexes.get(k);
				if (captured != null) {
					outcomes[i] = CaptureOutcome.captured(result(captured.get(k)));
				}
				else if (passing != null) {
					outcomes[i] = CaptureOutcome.failed(passing);
				}
				else {
					NewTask task = valid.get(k);
					try {
						outcomes[i] = CaptureOutcome.captured(result(call(() -> this.capture.capture(task, this.actor))));
					}
					catch (CaptureException ex) {
						outcomes[i] = CaptureOutcome.failed(ex);
						passing = ex.retryable() ? ex : null;
					}
				}
			}
			if (passing != null && passing == outcomes[validIndexes.get(0)].failure()) {
				// the first item failed retryably on its own too: nothing is committed, so the whole call fails
				throw passing;
			}
		}
		return List.of(outcomes);
	}

	private static CaptureResult result(org.openwd.task.CaptureResult result) {
		return new CaptureResult(result.task().id().toString(), result.created());
	}

	private NewTask toNewTask(CapturedItem item) {
		require(item.type(), "type", 100, "map it, a constant is fine: mapping.type: =claim");
		String title = item.title() == null || item.title().isBlank() ? item.sourceSystem() + " " + item.externalId()
				: item.title();
		limit(title, "title", 500);
		limit(item.description(), "description", 10000);
		limit(item.customerId(), "customerId", 100);
		limit(item.customerSegment(), "customerSegment", 50);
		limit(item.department(), "department", 100);
		limit(item.process(), "process", 100);
		for (String skill : item.requiredSkills()) {
			limit(skill, "requiredSkills", 100);
		}
		return new NewTask(item.sourceSystem(), item.externalId(), item.type(), title, item.description(),
				item.customerId(), item.customerSegment(), item.businessValue(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), item.activationTime(), item.dueTime(),
				item.department(), item.process(), item.requiredSkills(), item.attributes());
	}

	private static void require(String value, String field, int max, String hint) {
		if (value == null || value.isBlank()) {
			throw CaptureException.rejected(field + " is required (" + hint + ")");
		}
		limit(value, field, max);
	}

	private static void limit(String value, String field, int max) {
		if (value != null && value.codePointCount(0, value.length()) > max) {
			throw CaptureException.rejected(field + " must be at most " + max + " characters");
		}
	}

	@Override
	public ChangeResult update(ItemUpdate update) {
		limit(update.title(), "title", 500);
		limit(update.description(), "description", 10000);
		return result(call(() -> this.changes.update(update.sourceSystem(), update.externalId(),
				new SourceTaskChanges.Update(update.title(), update.description(), update.businessValue(),
						update.dueTime(), update.attributes()),
				this.actor)));
	}

	@Override
	public ChangeResult cancel(ItemCancel cancel) {
		return result(call(() -> this.changes.cancel(cancel.sourceSystem(), cancel.externalId(), cancel.reason(),
				this.actor)));
	}

	@Override
	public ChangeResult complete(ItemCompletion completion) {
		limit(completion.outcome(), "outcome", 100);
		return result(call(() -> this.changes.complete(completion.sourceSystem(), completion.externalId(),
				completion.outcome(), this.actor)));
	}

	@Override
	public void reportMalformed(MalformedInput input) {
		call(() -> {
			this.malformed.record(this.connector, input);
			return null;
		});
		this.onMalformed.run();
	}

	private static ChangeResult result(SourceTaskChanges.Result result) {
		return switch (result.outcome()) {
			case APPLIED -> ChangeResult.applied(result.taskId().toString());
			case UNCHANGED -> ChangeResult.unchanged(result.taskId().toString());
			case UNKNOWN_ITEM -> ChangeResult.unknownItem();
			case TASK_CLOSED -> ChangeResult.taskClosed(result.taskId().toString());
		};
	}

	private <T> T call(Supplier<T> work) {
		if (this.closed) {
			throw new IllegalStateException("connector " + this.connector + " is closed");
		}
		try {
			return work.get();
		}
		catch (CaptureException ex) {
			throw ex;
		}
		catch (DataIntegrityViolationException ex) {
			throw CaptureException.rejected("the task list cannot store this item: " + rootMessage(ex));
		}
		catch (IllegalArgumentException ex) {
			throw CaptureException.rejected(ex.getMessage());
		}
		catch (NonTransientDataAccessException ex) {
			throw CaptureException.temporaryFailure("database error: " + rootMessage(ex), ex);
		}
		catch (RuntimeException ex) {
			throw CaptureException.temporaryFailure(ex.getClass().getSimpleName() + ": " + rootMessage(ex), ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

}
