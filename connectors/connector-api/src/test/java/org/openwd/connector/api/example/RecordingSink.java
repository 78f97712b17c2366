package org.openwd.connector.api.example;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.openwd.connector.api.CaptureResult;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ChangeResult;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemCompletion;
import org.openwd.connector.api.ItemUpdate;
import org.openwd.connector.api.MalformedInput;

/**
 * A sink that keeps what it was given in memory, deduplicates like the platform and fails
 * on request.
 */
final class RecordingSink implements CaptureSink {

	private final Map<String, CapturedItem> tasks = new LinkedHashMap<>();

	private final List<MalformedInput> malformed = new ArrayList<>();

	private final Deque<RuntimeException> failures = new ArrayDeque<>();

	private volatile Consumer<CapturedItem> onCapture = (item) -> {
	};

	private int calls;

	/** The next sink call throws this instead of committing. */
	synchronized void failNextCallWith(RuntimeException failure) {
		this.failures.addLast(failure);
	}

	/** Runs inside every capture, before it commits. */
	void onCapture(Consumer<CapturedItem> check) {
		this.onCapture = check;
	}

	@Override
	public synchronized CaptureResult capture(CapturedItem item) {
		called();
		this.onCapture.accept(item);
		String key = item.sourceSystem() + "/" + item.externalId();
		boolean created = this.tasks.putIfAbsent(key, item) == null;
		return new CaptureResult("task-" + key, created);
	}

	@Override
	public synchronized ChangeResult update(ItemUpdate update) {
		throw new UnsupportedOperationException("not used by the example");
	}

	@Override
	public synchronized ChangeResult cancel(ItemCancel cancel) {
		throw new UnsupportedOperationException("not used by the example");
	}

	@Override
	public synchronized ChangeResult complete(ItemCompletion completion) {
		throw new UnsupportedOperationException("not used by the example");
	}

	@Override
	public synchronized void reportMalformed(MalformedInput input) {
		called();
		this.malformed.add(input);
	}

	private void called() {
		this.calls++;
		RuntimeException failure = this.failures.pollFirst();
		if (failure != null) {
			throw failure;
		}
	}

	synchronized List<CapturedItem> tasks() {
		return List.copyOf(this.tasks.values());
	}

	synchronized List<MalformedInput> malformed() {
		return List.copyOf(this.malformed);
	}

	synchronized int calls() {
		return this.calls;
	}

}
