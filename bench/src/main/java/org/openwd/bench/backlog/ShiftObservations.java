package org.openwd.bench.backlog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import org.openwd.bench.Results;

/**
 * What the shift's inboxes saw, shared by all employees: ready -> first offer per employee, employee free -> offer per
 * phase (before and during a routing-profile change), offers per phase and routing profile, and double offers (a task
 * offered to someone while another employee holds it: every offer is accepted, so a task is held from its offer until
 * its completion).
 */
final class ShiftObservations {

	final Histogram readyToFirstOffer = Results.histogram();

	/** READY request sent -> its answer received. */
	final Histogram readyAnswered = Results.histogram();

	final Set<String> gotFirstOffer = ConcurrentHashMap.newKeySet();

	final Map<String, String> holders = new ConcurrentHashMap<>();

	final Set<String> completed = ConcurrentHashMap.newKeySet();

	final AtomicInteger doubleOffers = new AtomicInteger();

	final AtomicInteger offers = new AtomicInteger();

	final List<String> errors = new CopyOnWriteArrayList<>();

	/** The current phase's histogram and counters; swapped by {@link #phase}. */
	private volatile Phase phase = new Phase("shift start");

	/** Nanotime of the first offer of a task of the watched profile after {@link #watchFrom}. */
	final AtomicLong firstWatchedOffer = new AtomicLong();

	private volatile String watched;

	private volatile long watchFrom = Long.MAX_VALUE;

	static final class Phase {

		final String name;

		final Histogram freeToOffer = Results.histogram();

		final AtomicInteger offers = new AtomicInteger();

		final AtomicInteger watchedOffers = new AtomicInteger();

		final long startedAt = System.nanoTime();

		Phase(String name) {
			this.name = name;
		}

	}

	Phase phase(String name) {
		Phase next = new Phase(name);
		Phase previous = phase;
		phase = next;
		return previous;
	}

	Phase current() {
		return phase;
	}

	/** Count offers of tasks of {@code profile} from now on, and remember when the first one came. */
	void watch(String profile, long fromNanos) {
		firstWatchedOffer.set(0);
		watched = profile;
		watchFrom = fromNanos;
	}

	void offered(String task, String employee, String profile, long now, long sinceReady, long sinceFree) {
		offers.incrementAndGet();
		String previous = holders.put(task, employee);
		if (previous != null && !previous.equals(employee)) {
			doubleOffers.incrementAndGet();
			errors.add("task " + task + " offered to " + employee + " while " + previous + " held it");
		}
		if (sinceReady >= 0 && gotFirstOffer.add(employee)) {
			record(readyToFirstOffer, sinceReady);
		}
		Phase p = phase;
		p.offers.incrementAndGet();
		if (sinceFree >= 0) {
			record(p.freeToOffer, sinceFree);
		}
		if (profile.equals(watched)) {
			p.watchedOffers.incrementAndGet();
			if (now >= watchFrom) {
				firstWatchedOffer.compareAndSet(0, now);
			}
		}
	}

	void released(String task, String employee) {
		holders.remove(task, employee);
	}

	void completed(String task) {
		if (!completed.add(task)) {
			errors.add("task " + task + " completed twice");
		}
	}

	void error(String text) {
		if (errors.size() < 1000) {
			errors.add(text);
		}
	}

	void readyAnswered(long nanos) {
		record(readyAnswered, nanos);
	}

	private static void record(Histogram h, long nanos) {
		synchronized (h) {
			h.recordValue(Math.max(0, Math.min(nanos, h.getHighestTrackableValue())));
		}
	}

}
