package org.openwd.bench.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Measures pushes that must reach many sessions. A change is a presence change of one agent; it must reach that agent's
 * own inbox and every supervisor session, each exactly once. Latency of one receipt = the instant the receiving
 * session's frame handler runs minus the change's own timestamp ({@code PresenceChanged.at}, taken by the platform in
 * the transaction that commits the change); the platform and the bench run on one machine and read the same clock.
 * "Sent -> received" uses the message's envelope timestamp instead (when the platform handed it to the broker), which
 * leaves out the commit and the event listener.
 */
final class FanOut {

	/** One expected change: who must receive it, who did. Receiver bits: supervisor index, or {@code supervisors} = the agent. */
	static final class Change {

		final int receivers;

		final BitSet seen;

		int count;

		Instant last;

		Instant at;

		Change(int supervisors) {
			this.receivers = supervisors + 1;
			this.seen = new BitSet(receivers);
		}

	}

	private final int supervisors;

	private final Map<String, Change> changes = new ConcurrentHashMap<>();

	final Histogram toSupervisors = histogram();

	final Histogram toOwnInbox = histogram();

	final Histogram sentToReceived = histogram();

	/** Per change: its timestamp -> the last of its K receivers got it. */
	final Histogram lastReceiver = histogram();

	final AtomicInteger duplicates = new AtomicInteger();

	final AtomicInteger unexpected = new AtomicInteger();

	final AtomicInteger complete = new AtomicInteger();

	FanOut(int supervisors) {
		this.supervisors = supervisors;
	}

	static String key(String employee, String to) {
		return employee + "|" + to;
	}

	/** Registers a change before it is made, so that no receipt can arrive before it is expected. */
	Change expect(String employee, String to) {
		Change change = new Change(supervisors);
		changes.put(key(employee, to), change);
		return change;
	}

	void received(InboxSession session, String employee, String to, Instant changedAt, Instant sentAt, Instant received) {
		Change change = changes.get(key(employee, to));
		if (change == null || (!session.supervisor && !session.user.equals(employee))) {
			unexpected.incrementAndGet();
			return;
		}
		int bit = session.supervisor ? session.index : supervisors;
		long nanos = nanos(changedAt, received);
		boolean done;
		synchronized (change) {
			if (change.seen.get(bit)) {
				duplicates.incrementAndGet();
				return;
			}
			change.seen.set(bit);
			change.count++;
			change.at = changedAt;
			change.last = change.last == null || received.isAfter(change.last) ? received : change.last;
			done = change.count == change.receivers;
		}
		(session.supervisor ? toSupervisors : toOwnInbox).recordValue(nanos);
		sentToReceived.recordValue(nanos(sentAt, received));
		if (done) {
			lastReceiver.recordValue(nanos(change.at, change.last));
			complete.incrementAndGet();
			synchronized (this) {
				notifyAll();
			}
		}
	}

	/** Waits until {@code count} changes reached every receiver, or the timeout passes; answers how many did. */
	synchronized int awaitComplete(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (complete.get() < count) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
		}
		return complete.get();
	}

	/** Changes that did not reach every receiver, with how many they reached. */
	List<String> incomplete(int max) {
		List<String> out = new ArrayList<>();
		changes.forEach((key, change) -> {
			synchronized (change) {
				if (change.count < change.receivers && out.size() < max) {
					out.add(key + " reached " + change.count + " of " + change.receivers);
				}
			}
		});
		return out;
	}

	int expected() {
		return changes.size();
	}

	private static long nanos(Instant from, Instant to) {
		return Math.max(0, Math.min(Duration.between(from, to).toNanos(), TimeUnit.SECONDS.toNanos(59)));
	}

	private static Histogram histogram() {
		return new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
	}

}
