package org.openwd.distribution.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Canonical instances of equal immutable values (skill sets, department names, employee ids), so that a million queued
 * tasks share a few hundred objects instead of holding one copy each. Bounded: past {@code limit} distinct values it
 * stops remembering new ones and hands them back unchanged, so an unexpected stream of distinct values costs no more
 * than without interning. Values must be immutable and have value equality. Not thread-safe (the engine's owner thread).
 */
final class Interner {

	static final int DEFAULT_LIMIT = 100_000;

	private final Map<Object, Object> canonical = new HashMap<>();

	private final int limit;

	Interner(int limit) {
		this.limit = limit;
	}

	/** The canonical instance equal to {@code value} ({@code value} itself the first time), or {@code null} for null. */
	@SuppressWarnings("unchecked")
	<T> T intern(T value) {
		if (value == null) {
			return null;
		}
		Object known = canonical.get(value);
		if (known != null) {
			return (T) known;
		}
		if (canonical.size() < limit) {
			canonical.put(value, value);
		}
		return value;
	}

	int size() {
		return canonical.size();
	}

}
