package org.openwd.rules.priority;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The queued tasks in priority order at any moment, without ever touching a task as time passes.
 * <p>
 * <b>Why no task needs rewriting as it ages.</b> Tasks that share a profile, a business value, the same overrides (pin,
 * supervisor boost, task campaigns) and the same SLA stage form an <i>aging class</i>: their points differ only by aging,
 * and aging never decreases with waiting time (the increment is never negative), so within a class the oldest task is
 * always the best and the order never changes. Each class keeps its tasks in a binary heap by {@code waitingSince}.
 * A query ranks only the class heads at the requested moment and walks the heaps best-first with a small frontier queue:
 * the k best tasks cost O((C + k) log(C + k)) for C non-empty classes, whatever the number of tasks N.
 * <p>
 * <b>SLA stages</b> are per task, so a task whose warning or due time passes moves to the class of its new stage. The
 * pending thresholds sit in one heap ordered by time; every query first moves the tasks whose threshold has passed
 * (O(log N) each, at most twice per task), in memory only.
 * <p>
 * <b>Policy changes</b> ({@link #replacePolicy}) cost O(1): classes refer to their profile, and a class's order does not
 * depend on the policy's numbers, so nothing is re-sorted.
 * <p>
 * <b>Time</b> is passed in. Queries must use non-decreasing instants: a query before the latest one still sees the SLA
 * stages of the latest (a clock step backwards is not undone), while points are computed for the instant given.
 * <p>
 * <b>Not thread-safe</b>, not even for concurrent queries (a query advances the SLA stages): one owner thread, or a lock
 * around every call. A stream or iterator from {@link #ordered} fails fast once the index is modified.
 * <p>
 * <b>Memory</b> per task: one 40-byte node (subject reference, class, heap positions, waiting time in nanoseconds), one
 * slot in its class heap, one slot in an intrusive hash table and, while an SLA threshold is pending, 12 bytes in the
 * threshold heap; the caller's {@link PrioritySubject} comes on top. Instants must lie between the years 1677 and 2262.
 */
public final class AgingOrderIndex {

	/** One task at a moment: its subject, its profile and its rank then. */
	public record Entry(PrioritySubject subject, String profileId, Rank rank) {

		public UUID taskId() {
			return subject.taskId();
		}

	}

	private static final int MIN_CAPACITY = 8;

	private final Map<String, Profile> profiles = new HashMap<>();

	private final Map<ClassKey, AgingClass> classes = new HashMap<>();

	private final ThresholdHeap thresholds = new ThresholdHeap();

	/** Hash table of all nodes by task id, chained through {@link Node#nextInBucket}. */
	private Node[] table = new Node[16];

	private int size;

	/** The latest instant a query has seen; SLA stages are current as of this instant ({@code null} before any query). */
	private Instant slaClock;

	private int modifications;

	/**
	 * Sets a profile's policy, defining the profile if it is new. The next query ranks the profile's tasks by it; no task
	 * is touched.
	 *
	 * @throws IllegalArgumentException if the policy has problems (all are listed in the message)
	 */
	public void replacePolicy(String profileId, PriorityPolicy policy) {
		Objects.requireNonNull(profileId, "profileId");
		List<String> problems = policy.problems();
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("invalid policy for profile " + profileId + ": " + String.join("; ", problems));
		}
		Profile profile = profiles.get(profileId);
		if (profile == null) {
			profiles.put(profileId, new Profile(profileId, policy));
		}
		else {
			profile.set(policy);
		}
		modifications++;
	}

	/** The current policy of a profile. */
	public Optional<PriorityPolicy> policy(String profileId) {
		Profile profile = profiles.get(profileId);
		return profile == null ? Optional.empty() : Optional.of(profile.policy);
	}

	/**
	 * Adds a queued task.
	 *
	 * @throws IllegalArgumentException if the profile is unknown, the task is already present or its waiting time lies
	 * outside the supported range
	 */
	public void add(String profileId, PrioritySubject subject) {
		Profile profile = profiles.get(profileId);
		if (profile == null) {
			throw new IllegalArgumentException("unknown profile " + profileId + ": define it with replacePolicy first");
		}
		if (find(subject.taskId()) != null) {
			throw new IllegalArgumentException("task " + subject.taskId() + " is already in the index");
		}
		Node node = new Node(subject, exactNanos(subject.waitingSince()));
		SlaStage stage = slaClock == null ? SlaStage.NORMAL : subject.slaStage(slaClock);
		classFor(profile, subject, stage).insert(node);
		scheduleThreshold(node, stage);
		putInTable(node);
		modifications++;
	}

	/** Removes a task; {@code false} if it was not there. */
	public boolean remove(UUID taskId) {
		Node node = removeFromTable(taskId);
		if (node == null) {
			return false;
		}
		detachFromClass(node);
		if (node.thresholdPos >= 0) {
			thresholds.removeAt(node.thresholdPos);
		}
		modifications++;
		return true;
	}

	/** Replaces a task (new overrides, SLA, value or profile), or adds it if absent. */
	public void update(String profileId, PrioritySubject subject) {
		if (!profiles.containsKey(profileId)) {
			throw new IllegalArgumentException("unknown profile " + profileId + ": define it with replacePolicy first");
		}
		remove(subject.taskId());
		add(profileId, subject);
	}

	/** The task's subject, if present. */
	public Optional<PrioritySubject> get(UUID taskId) {
		Node node = find(taskId);
		return node == null ? Optional.empty() : Optional.of(node.subject);
	}

	/** The task with its rank at {@code now}, if present. */
	public Optional<Entry> entry(UUID taskId, Instant now) {
		Node node = find(taskId);
		if (node == null) {
			return Optional.empty();
		}
		Profile profile = node.aging.key.profile;
		return Optional.of(new Entry(node.subject, profile.id, PriorityCalculator.rank(profile.policy, node.subject, now)));
	}

	/** Why the task stands where it does at {@code now}, if present. */
	public Optional<PriorityExplanation> explain(UUID taskId, Instant now) {
		Node node = find(taskId);
		return node == null ? Optional.empty()
				: Optional.of(PriorityCalculator.explain(node.aging.key.profile.policy, node.subject, now));
	}

	public int size() {
		return size;
	}

	/** The number of non-empty aging classes: the C in the cost of a query. */
	public int classCount() {
		return classes.size();
	}

	/** The best task at {@code now}. */
	public Optional<Entry> best(Instant now) {
		return best(now, subject -> true);
	}

	/** The best task at {@code now} that {@code filter} accepts; rejected tasks are skipped and the walk goes on. */
	public Optional<Entry> best(Instant now, Predicate<? super PrioritySubject> filter) {
		List<Entry> top = top(now, 1, filter);
		return top.isEmpty() ? Optional.empty() : Optional.of(top.get(0));
	}

	/** The {@code n} best tasks at {@code now}, best first. */
	public List<Entry> top(Instant now, int n) {
		return top(now, n, subject -> true);
	}

	/**
	 * The {@code n} best tasks at {@code now} that {@code filter} accepts, best first. The cost grows with the number of
	 * tasks visited (accepted or rejected) and the number of classes, not with the size of the index.
	 */
	public List<Entry> top(Instant now, int n, Predicate<? super PrioritySubject> filter) {
		if (n < 0) {
			throw new IllegalArgumentException("n: must not be negative (was " + n + ")");
		}
		List<Entry> result = new ArrayList<>(Math.min(n, 16));
		if (n == 0) {
			return result;
		}
		Cursor cursor = new Cursor(now);
		while (result.size() < n && cursor.hasNext()) {
			Candidate candidate = cursor.nextCandidate();
			if (filter.test(candidate.node.subject)) {
				result.add(cursor.entry(candidate));
			}
		}
		return result;
	}

	/**
	 * All tasks at {@code now}, best first, computed lazily as the stream is consumed. The stream fails with a
	 * {@link ConcurrentModificationException} once the index is changed.
	 */
	public Stream<Entry> ordered(Instant now) {
		Cursor cursor = new Cursor(now);
		Iterator<Entry> iterator = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return cursor.hasNext();
			}

			@Override
			public Entry next() {
				return cursor.entry(cursor.nextCandidate());
			}

		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
				Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
	}

	/** Moves the tasks whose warning or due time has passed by {@code now} to the class of their new stage. */
	private void advanceSlaClock(Instant now) {
		if (slaClock != null && !now.isAfter(slaClock)) {
			return;
		}
		slaClock = now;
		long clock = saturatedNanos(now);
		while (thresholds.size > 0 && thresholds.keys[0] <= clock) {
			Node node = thresholds.poll();
			SlaStage stage = node.subject.slaStage(now);
			AgingClass current = node.aging;
			if (stage != current.key.stage) {
				detachFromClass(node);
				classFor(current.key.profile, node.subject, stage).insert(node);
			}
			scheduleThreshold(node, stage);
		}
	}

	/** Queues the next instant at which the node's stage changes, if any. */
	private void scheduleThreshold(Node node, SlaStage stage) {
		PrioritySubject subject = node.subject;
		Instant next;
		if (stage == SlaStage.NORMAL) {
			next = earlier(subject.warningAt(), subject.dueTime());
		}
		else if (stage == SlaStage.WARNING) {
			next = subject.dueTime();
		}
		else {
			next = null;
		}
		if (next != null) {
			thresholds.insert(saturatedNanos(next), node);
		}
	}

	private static Instant earlier(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.isBefore(b) ? a : b;
	}

	private AgingClass classFor(Profile profile, PrioritySubject subject, SlaStage stage) {
		ClassKey key = new ClassKey(profile, subject.businessValue() == null ? 0 : subject.businessValue(), subject.pinned(),
				subject.supervisorBoost(), subject.campaigns(), stage);
		return classes.computeIfAbsent(key, AgingClass::new);
	}

	private void detachFromClass(Node node) {
		AgingClass aging = node.aging;
		aging.removeAt(node.classPos);
		if (aging.size == 0) {
			classes.remove(aging.key);
		}
	}

	private Node find(UUID taskId) {
		for (Node node = table[bucket(taskId, table.length)]; node != null; node = node.nextInBucket) {
			if (node.subject.taskId().equals(taskId)) {
				return node;
			}
		}
		return null;
	}

	private void putInTable(Node node) {
		if (size >= table.length) {
			resizeTable(table.length * 2);
		}
		int bucket = bucket(node.subject.taskId(), table.length);
		node.nextInBucket = table[bucket];
		table[bucket] = node;
		size++;
	}

	private Node removeFromTable(UUID taskId) {
		int bucket = bucket(taskId, table.length);
		Node previous = null;
		for (Node node = table[bucket]; node != null; previous = node, node = node.nextInBucket) {
			if (node.subject.taskId().equals(taskId)) {
				if (previous == null) {
					table[bucket] = node.nextInBucket;
				}
				else {
					previous.nextInBucket = node.nextInBucket;
				}
				node.nextInBucket = null;
				size--;
				if (table.length > 16 && size < table.length / 4) {
					resizeTable(table.length / 2);
				}
				return node;
			}
		}
		return null;
	}

	private void resizeTable(int capacity) {
		Node[] old = table;
		table = new Node[capacity];
		for (Node head : old) {
			Node node = head;
			while (node != null) {
				Node next = node.nextInBucket;
				int bucket = bucket(node.subject.taskId(), capacity);
				node.nextInBucket = table[bucket];
				table[bucket] = node;
				node = next;
			}
		}
	}

	private static int bucket(UUID taskId, int capacity) {
		int h = taskId.hashCode();
		return (h ^ (h >>> 16)) & (capacity - 1);
	}

	/** Nanoseconds since the epoch; instants the index cannot represent exactly are refused. */
	private static long exactNanos(Instant instant) {
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("waitingSince: " + instant + " lies outside the years 1677..2262", ex);
		}
	}

	/** Nanoseconds since the epoch, clamped: only ever compared with instants inside the range, where it is exact. */
	private static long saturatedNanos(Instant instant) {
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		}
		catch (ArithmeticException ex) {
			return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	private static int compareAge(Node a, Node b) {
		if (a.waitingNanos != b.waitingNanos) {
			return a.waitingNanos < b.waitingNanos ? -1 : 1;
		}
		return a.subject.taskId().compareTo(b.subject.taskId());
	}

	/** A profile and its current policy; classes point here, so a policy change reaches them all at once. */
	private static final class Profile {

		final String id;

		PriorityPolicy policy;

		long intervalNanos;

		Profile(String id, PriorityPolicy policy) {
			this.id = id;
			set(policy);
		}

		void set(PriorityPolicy newPolicy) {
			policy = newPolicy;
			long nanos;
			try {
				nanos = newPolicy.interval().toNanos();
			}
			catch (ArithmeticException ex) {
				nanos = Long.MAX_VALUE;
			}
			intervalNanos = nanos;
		}

		long agingPoints(long waitingNanos, long nowNanos) {
			long waited = nowNanos - waitingNanos;
			long steps;
			if (nowNanos <= waitingNanos) {
				steps = 0;
			}
			else if (waited < 0) {
				steps = Long.MAX_VALUE;
			}
			else {
				steps = waited / intervalNanos;
			}
			return policy.agingPoints(steps);
		}

	}

	/** What all tasks of one aging class share. Identity of the profile, not of its policy. */
	private record ClassKey(Profile profile, int businessValue, boolean pinned, int supervisorBoost,
			List<CampaignBoost> campaigns, SlaStage stage) {

		/** Points every task of the class gets at {@code now} besides aging. */
		long fixedPoints(Instant now) {
			PriorityPolicy policy = profile.policy;
			return Math.round(policy.valueWeight() * businessValue) + supervisorBoost + policy.campaignPoints(now)
					+ CampaignBoost.activeSum(campaigns, now);
		}

		int tier() {
			return (pinned ? 3 : 0) + stage.ordinal();
		}

	}

	/** One queued task. */
	private static final class Node {

		final PrioritySubject subject;

		final long waitingNanos;

		AgingClass aging;

		int classPos = -1;

		int thresholdPos = -1;

		Node nextInBucket;

		Node(PrioritySubject subject, long waitingNanos) {
			this.subject = subject;
			this.waitingNanos = waitingNanos;
		}

	}

	/** The tasks of one aging class in a binary min-heap by (waitingSince, taskId): the head is the oldest. */
	private static final class AgingClass {

		final ClassKey key;

		Node[] heap = new Node[MIN_CAPACITY];

		int size;

		AgingClass(ClassKey key) {
			this.key = key;
		}

		void insert(Node node) {
			if (size == heap.length) {
				heap = Arrays.copyOf(heap, heap.length + (heap.length >> 1));
			}
			node.aging = this;
			siftUp(size++, node);
		}

		void removeAt(int pos) {
			Node removed = heap[pos];
			int last = --size;
			Node moved = heap[last];
			heap[last] = null;
			if (pos != last) {
				siftDown(pos, moved);
				if (heap[pos] == moved) {
					siftUp(pos, moved);
				}
			}
			removed.aging = null;
			removed.classPos = -1;
			if (heap.length > MIN_CAPACITY && size < heap.length / 4) {
				heap = Arrays.copyOf(heap, Math.max(MIN_CAPACITY, heap.length / 2));
			}
		}

		private void siftUp(int pos, Node node) {
			while (pos > 0) {
				int parent = (pos - 1) >>> 1;
				Node above = heap[parent];
				if (compareAge(node, above) >= 0) {
					break;
				}
				place(pos, above);
				pos = parent;
			}
			place(pos, node);
		}

		private void siftDown(int pos, Node node) {
			int half = size >>> 1;
			while (pos < half) {
				int child = 2 * pos + 1;
				Node smaller = heap[child];
				int right = child + 1;
				if (right < size && compareAge(heap[right], smaller) < 0) {
					child = right;
					smaller = heap[child];
				}
				if (compareAge(node, smaller) <= 0) {
					break;
				}
				place(pos, smaller);
				pos = child;
			}
			place(pos, node);
		}

		private void place(int pos, Node node) {
			heap[pos] = node;
			node.classPos = pos;
		}

	}

	/** Pending SLA thresholds: a binary min-heap of (epoch nanos, node) in parallel arrays. */
	private static final class ThresholdHeap {

		long[] keys = new long[MIN_CAPACITY];

		Node[] nodes = new Node[MIN_CAPACITY];

		int size;

		void insert(long key, Node node) {
			if (size == keys.length) {
				int capacity = keys.length + (keys.length >> 1);
				keys = Arrays.copyOf(keys, capacity);
				nodes = Arrays.copyOf(nodes, capacity);
			}
			siftUp(size++, key, node);
		}

		Node poll() {
			Node first = nodes[0];
			removeAt(0);
			return first;
		}

		void removeAt(int pos) {
			Node removed = nodes[pos];
			int last = --size;
			long movedKey = keys[last];
			Node moved = nodes[last];
			nodes[last] = null;
			if (pos != last) {
				siftDown(pos, movedKey, moved);
				if (nodes[pos] == moved) {
					siftUp(pos, movedKey, moved);
				}
			}
			removed.thresholdPos = -1;
			if (keys.length > MIN_CAPACITY && size < keys.length / 4) {
				int capacity = Math.max(MIN_CAPACITY, keys.length / 2);
				keys = Arrays.copyOf(keys, capacity);
				nodes = Arrays.copyOf(nodes, capacity);
			}
		}

		private void siftUp(int pos, long key, Node node) {
			while (pos > 0) {
				int parent = (pos - 1) >>> 1;
				if (key >= keys[parent]) {
					break;
				}
				place(pos, keys[parent], nodes[parent]);
				pos = parent;
			}
			place(pos, key, node);
		}

		private void siftDown(int pos, long key, Node node) {
			int half = size >>> 1;
			while (pos < half) {
				int child = 2 * pos + 1;
				int right = child + 1;
				if (right < size && keys[right] < keys[child]) {
					child = right;
				}
				if (key <= keys[child]) {
					break;
				}
				place(pos, keys[child], nodes[child]);
				pos = child;
			}
			place(pos, key, node);
		}

		private void place(int pos, long key, Node node) {
			keys[pos] = key;
			nodes[pos] = node;
			node.thresholdPos = pos;
		}

	}

	/** A task reached by a query: its class heap position and its tier and points at the query's instant. */
	private static final class Candidate {

		final AgingClass aging;

		final int pos;

		final Node node;

		final long fixedPoints;

		final long points;

		final int tier;

		Candidate(AgingClass aging, int pos, long fixedPoints, int tier, long nowNanos) {
			this.aging = aging;
			this.pos = pos;
			this.node = aging.heap[pos];
			this.fixedPoints = fixedPoints;
			this.tier = tier;
			this.points = aging.key.profile.agingPoints(node.waitingNanos, nowNanos) + fixedPoints;
		}

	}

	private static final Comparator<Candidate> BEST_FIRST = (a, b) -> {
		if (a.tier != b.tier) {
			return a.tier > b.tier ? -1 : 1;
		}
		if (a.points != b.points) {
			return a.points > b.points ? -1 : 1;
		}
		return compareAge(a.node, b.node);
	};

	/**
	 * Best-first walk over the class heaps: the frontier starts with every class head; taking a task adds its two heap
	 * children, which rank below it at any instant because they are younger in the same class.
	 */
	private final class Cursor {

		final long nowNanos;

		final PriorityQueue<Candidate> frontier;

		final int expectedModifications;

		Cursor(Instant now) {
			Objects.requireNonNull(now, "now");
			advanceSlaClock(now);
			this.nowNanos = saturatedNanos(now);
			this.frontier = new PriorityQueue<>(Math.max(1, classes.size() * 2), BEST_FIRST);
			for (AgingClass aging : classes.values()) {
				frontier.add(new Candidate(aging, 0, aging.key.fixedPoints(now), aging.key.tier(), nowNanos));
			}
			this.expectedModifications = modifications;
		}

		boolean hasNext() {
			return !frontier.isEmpty();
		}

		Candidate nextCandidate() {
			if (modifications != expectedModifications) {
				throw new ConcurrentModificationException("the index changed during the walk");
			}
			Candidate best = frontier.poll();
			if (best == null) {
				throw new NoSuchElementException();
			}
			int child = 2 * best.pos + 1;
			if (child < best.aging.size) {
				frontier.add(new Candidate(best.aging, child, best.fixedPoints, best.tier, nowNanos));
				if (child + 1 < best.aging.size) {
					frontier.add(new Candidate(best.aging, child + 1, best.fixedPoints, best.tier, nowNanos));
				}
			}
			return best;
		}

		Entry entry(Candidate candidate) {
			ClassKey key = candidate.aging.key;
			Rank rank = new Rank(key.pinned, key.stage, candidate.points, candidate.node.subject.waitingSince(),
					candidate.node.subject.taskId());
			return new Entry(candidate.node.subject, key.profile.id, rank);
		}

	}

}
