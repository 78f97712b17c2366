package org.openwd.rules.priority;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * <b>Memory</b> per task: one 72-byte node and nothing else of its own: the task id as two longs, the waiting time and
 * the SLA instants in nanoseconds (an SLA instant outside that range is kept exactly on the side), heap positions, the hash chain and the caller's attachment.
 * What tasks of one aging class share (business value, pin, boost, campaigns) is kept once, in the class; a
 * {@link PrioritySubject} is rebuilt only when one is asked for. On top: one slot in its class heap, one slot in the
 * intrusive hash table and, while an SLA threshold is pending, 12 bytes in the threshold heap. Waiting times must lie
 * between the years 1677 and 2262.
 * <p>
 * <b>Attachments.</b> A caller that keeps data of its own per task (the matching engine, the queue views) attaches it
 * to the task's node ({@link #add(String, PrioritySubject, Object)}) instead of keeping a second map by task id, and
 * filters with an {@link AttachmentFilter}, which sees the attachment and the waiting time without any object being
 * built for a visited task.
 */
public final class AgingOrderIndex {

	/** One task at a moment: its subject, its profile and its rank then. */
	public record Entry(PrioritySubject subject, String profileId, Rank rank) {

		public UUID taskId() {
			return subject.taskId();
		}

	}

	/**
	 * A filter over what the index keeps of a task: the caller's attachment ({@code null} if none) and the waiting time
	 * in nanoseconds since the epoch. Nothing is allocated per visited task.
	 */
	@FunctionalInterface
	public interface AttachmentFilter {

		boolean accepts(Object attachment, long waitingSinceNanos);

	}

	private static final int MIN_CAPACITY = 8;

	/** {@code warningNanos}/{@code dueNanos} of a node without that instant. */
	private static final long NO_INSTANT = Long.MIN_VALUE;

	/** A class key's business value for subjects without one (it counts as 0 points; the subject keeps its null). */
	private static final int NO_BUSINESS_VALUE = -1;

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
	 * The exact SLA instants {@code {warningAt, dueTime}} of the rare nodes with one outside the nanosecond range (before
	 * 1677 or after 2262), which the node keeps only saturated.
	 */
	private final Map<Node, Instant[]> wideSlas = new IdentityHashMap<>();

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
		add(profileId, subject, null);
	}

	/**
	 * Adds a queued task with the caller's data for it, returned by {@link #attachment} and shown to
	 * {@link AttachmentFilter}s.
	 *
	 * @throws IllegalArgumentException as {@link #add(String, PrioritySubject)}
	 */
	public void add(String profileId, PrioritySubject subject, Object attachment) {
		Profile profile = profiles.get(profileId);
		if (profile == null) {
			throw new IllegalArgumentException("unknown profile " + profileId + ": define it with replacePolicy first");
		}
		UUID id = subject.taskId();
		if (find(id.getMostSignificantBits(), id.getLeastSignificantBits()) != null) {
			throw new IllegalArgumentException("task " + subject.taskId() + " is already in the index");
		}
		Node node = new Node(subject, exactNanos(subject.waitingSince()), attachment);
		if (outsideNanos(subject.warningAt()) || outsideNanos(subject.dueTime())) {
			wideSlas.put(node, new Instant[] { subject.warningAt(), subject.dueTime() });
		}
		SlaStage stage = slaClock == null ? SlaStage.NORMAL : stage(node, slaClock);
		classFor(profile, subject, stage).insert(node);
		scheduleThreshold(node, stage);
		putInTable(node);
		modifications++;
	}

	/** Removes a task; {@code false} if it was not there. */
	public boolean remove(UUID taskId) {
		Node node = removeFromTable(taskId.getMostSignificantBits(), taskId.getLeastSignificantBits());
		if (node == null) {
			return false;
		}
		detachFromClass(node);
		if (node.thresholdPos >= 0) {
			thresholds.removeAt(node.thresholdPos);
		}
		if (!wideSlas.isEmpty()) {
			wideSlas.remove(node);
		}
		modifications++;
		return true;
	}

	/** Replaces a task (new overrides, SLA, value or profile), or adds it if absent. */
	public void update(String profileId, PrioritySubject subject) {
		update(profileId, subject, null);
	}

	/** Replaces a task and its attachment, or adds them if absent. */
	public void update(String profileId, PrioritySubject subject, Object attachment) {
		if (!profiles.containsKey(profileId)) {
			throw new IllegalArgumentException("unknown profile " + profileId + ": define it with replacePolicy first");
		}
		remove(subject.taskId());
		add(profileId, subject, attachment);
	}

	/** The task's subject, if present (rebuilt from what the index keeps; equal to the one added). */
	public Optional<PrioritySubject> get(UUID taskId) {
		Node node = find(taskId);
		return node == null ? Optional.empty() : Optional.of(subject(node));
	}

	/** Whether the task is in the index. */
	public boolean contains(UUID taskId) {
		return find(taskId) != null;
	}

	/** The caller's attachment of a task, or {@code null} if the task is absent or has none. */
	public Object attachment(UUID taskId) {
		Node node = find(taskId);
		return node == null ? null : node.attachment;
	}

	/**
	 * The task's waiting time in nanoseconds since the epoch, as {@link AttachmentFilter} sees it.
	 *
	 * @throws NoSuchElementException if the task is not in the index
	 */
	public long waitingSinceNanos(UUID taskId) {
		Node node = find(taskId);
		if (node == null) {
			throw new NoSuchElementException("task " + taskId + " is not in the index");
		}
		return node.waitingNanos;
	}

	/** The profile a task is ordered in, if present. */
	public Optional<String> profileOf(UUID taskId) {
		Node node = find(taskId);
		return node == null ? Optional.empty() : Optional.of(node.aging.key.profile.id);
	}

	/** The task with its rank at {@code now}, if present. */
	public Optional<Entry> entry(UUID taskId, Instant now) {
		Node node = find(taskId);
		if (node == null) {
			return Optional.empty();
		}
		Profile profile = node.aging.key.profile;
		PrioritySubject subject = subject(node);
		return Optional.of(new Entry(subject, profile.id, PriorityCalculator.rank(profile.policy, subject, now)));
	}

	/** Why the task stands where it does at {@code now}, if present. */
	public Optional<PriorityExplanation> explain(UUID taskId, Instant now) {
		Node node = find(taskId);
		return node == null ? Optional.empty()
				: Optional.of(PriorityCalculator.explain(node.aging.key.profile.policy, subject(node), now));
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
			PrioritySubject subject = subject(candidate.node);
			if (filter.test(subject)) {
				result.add(cursor.entry(candidate, subject));
			}
		}
		return result;
	}

	/**
	 * The id of the best task at {@code now} whose attachment and waiting time {@code filter} accepts: the walk of
	 * {@link #best(Instant, Predicate)} without building a subject for each task it visits.
	 */
	public Optional<UUID> bestId(Instant now, AttachmentFilter filter) {
		List<UUID> top = topIds(now, 1, filter);
		return top.isEmpty() ? Optional.empty() : Optional.of(top.get(0));
	}

	/** The ids of the {@code n} best tasks at {@code now} that {@code filter} accepts, best first. */
	public List<UUID> topIds(Instant now, int n, AttachmentFilter filter) {
		if (n < 0) {
			throw new IllegalArgumentException("n: must not be negative (was " + n + ")");
		}
		List<UUID> result = new ArrayList<>(Math.min(n, 16));
		if (n == 0) {
			return result;
		}
		Cursor cursor = new Cursor(now);
		while (result.size() < n && cursor.hasNext()) {
			Node node = cursor.nextCandidate().node;
			if (filter.accepts(node.attachment, node.waitingNanos)) {
				result.add(node.taskId());
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
				Candidate candidate = cursor.nextCandidate();
				return cursor.entry(candidate, subject(candidate.node));
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
			SlaStage stage = stage(node, now);
			AgingClass current = node.aging;
			if (stage != current.key.stage) {
				detachFromClass(node);
				classes.computeIfAbsent(current.key.withStage(stage), AgingClass::new).insert(node);
			}
			scheduleThreshold(node, stage);
		}
	}

	/** Queues the next instant at which the node's stage changes, if any. */
	private void scheduleThreshold(Node node, SlaStage stage) {
		Instant[] wide = wideSla(node);
		boolean warning = stage == SlaStage.NORMAL && (wide != null ? wide[0] != null : node.warningNanos != NO_INSTANT);
		boolean due = stage != SlaStage.OVERDUE && (wide != null ? wide[1] != null : node.dueNanos != NO_INSTANT);
		if (warning && due) {
			thresholds.insert(Math.min(node.warningNanos, node.dueNanos), node);
		}
		else if (warning) {
			thresholds.insert(node.warningNanos, node);
		}
		else if (due) {
			thresholds.insert(node.dueNanos, node);
		}
	}

	/** Whether the instant is present but cannot be kept exactly in a node's nanoseconds (nor told from "none"). */
	private static boolean outsideNanos(Instant instant) {
		if (instant == null) {
			return false;
		}
		long nanos = saturatedNanos(instant);
		return nanos == Long.MIN_VALUE || nanos == Long.MAX_VALUE;
	}

	/** The exact SLA instants of a node that has one outside the nanosecond range, else {@code null}. */
	private Instant[] wideSla(Node node) {
		if (wideSlas.isEmpty() || !extreme(node.warningNanos) && !extreme(node.dueNanos)) {
			return null;
		}
		return wideSlas.get(node);
	}

	private static boolean extreme(long nanos) {
		return nanos == Long.MIN_VALUE || nanos == Long.MAX_VALUE;
	}

	/**
	 * The node's SLA stage at {@code now} ({@link PrioritySubject#slaStage}). A node's own instants lie strictly inside
	 * the nanosecond range, so comparing with {@code now} saturated is exact.
	 */
	private SlaStage stage(Node node, Instant now) {
		Instant[] wide = wideSla(node);
		if (wide != null) {
			return SlaStage.at(wide[0], wide[1], now);
		}
		long nowNanos = saturatedNanos(now);
		if (node.dueNanos != NO_INSTANT && nowNanos >= node.dueNanos) {
			return SlaStage.OVERDUE;
		}
		if (node.warningNanos != NO_INSTANT && nowNanos >= node.warningNanos) {
			return SlaStage.WARNING;
		}
		return SlaStage.NORMAL;
	}

	/** The subject as it was added: own fields from the node, shared ones from its class key. */
	private PrioritySubject subject(Node node) {
		ClassKey key = node.aging.key;
		Instant warning;
		Instant due;
		Instant[] wide = wideSla(node);
		if (wide != null) {
			warning = wide[0];
			due = wide[1];
		}
		else {
			warning = node.warningNanos == NO_INSTANT ? null : instantOfNanos(node.warningNanos);
			due = node.dueNanos == NO_INSTANT ? null : instantOfNanos(node.dueNanos);
		}
		return new PrioritySubject(node.taskId(), instantOfNanos(node.waitingNanos),
				key.businessValue == NO_BUSINESS_VALUE ? null : key.businessValue, warning, due, key.pinned, key.supervisorBoost, key.campaigns);
	}

	private AgingClass classFor(Profile profile, PrioritySubject subject, SlaStage stage) {
		ClassKey key = new ClassKey(profile, subject.businessValue() == null ? NO_BUSINESS_VALUE : subject.businessValue(),
				subject.pinned(),
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
		return find(taskId.getMostSignificantBits(), taskId.getLeastSignificantBits());
	}

	private Node find(long msb, long lsb) {
		for (Node node = table[bucket(msb, lsb, table.length)]; node != null; node = node.nextInBucket) {
			if (node.idLsb == lsb && node.idMsb == msb) {
				return node;
			}
		}
		return null;
	}

	private void putInTable(Node node) {
		if (size >= table.length) {
			resizeTable(table.length * 2);
		}
		int bucket = bucket(node.idMsb, node.idLsb, table.length);
		node.nextInBucket = table[bucket];
		table[bucket] = node;
		size++;
	}

	private Node removeFromTable(long msb, long lsb) {
		int bucket = bucket(msb, lsb, table.length);
		Node previous = null;
		for (Node node = table[bucket]; node != null; previous = node, node = node.nextInBucket) {
			if (node.idLsb == lsb && node.idMsb == msb) {
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
				int bucket = bucket(node.idMsb, node.idLsb, capacity);
				node.nextInBucket = table[bucket];
				table[bucket] = node;
				node = next;
			}
		}
	}

	/** The bucket of a task id: {@link UUID#hashCode()} of the id, spread. */
	private static int bucket(long msb, long lsb, int capacity) {
		long hilo = msb ^ lsb;
		int h = (int) (hilo >> 32) ^ (int) hilo;
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

	/** The instant of a waiting time in nanoseconds since the epoch (as {@link AttachmentFilter} sees it). */
	public static Instant instantOfNanos(long epochNanos) {
		return Instant.ofEpochSecond(0, epochNanos);
	}

	/** By waiting time, then by task id as {@link UUID#compareTo} orders them. */
	private static int compareAge(Node a, Node b) {
		if (a.waitingNanos != b.waitingNanos) {
			return a.waitingNanos < b.waitingNanos ? -1 : 1;
		}
		int msb = Long.compare(a.idMsb, b.idMsb);
		return msb != 0 ? msb : Long.compare(a.idLsb, b.idLsb);
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
			return Math.round(policy.valueWeight() * Math.max(0, businessValue)) + supervisorBoost + policy.campaignPoints(now)
					+ CampaignBoost.activeSum(campaigns, now);
		}

		int tier() {
			return (pinned ? 3 : 0) + stage.ordinal();
		}

		ClassKey withStage(SlaStage newStage) {
			return new ClassKey(profile, businessValue, pinned, supervisorBoost, campaigns, newStage);
		}

	}

	/**
	 * One queued task (72 bytes): what is its own (id, waiting time, SLA instants) and its
	 * place in the structures. What it shares with its aging class is read from {@link #aging}.
	 */
	private static final class Node {

		final long idMsb;

		final long idLsb;

		final long waitingNanos;

		/**
		 * Nanoseconds since the epoch, {@link #NO_INSTANT} if none; an instant outside the range is kept saturated here
		 * and exactly in {@code wideSlas}.
		 */
		final long warningNanos;

		final long dueNanos;

		final Object attachment;

		AgingClass aging;

		int classPos = -1;

		int thresholdPos = -1;

		Node nextInBucket;

		Node(PrioritySubject subject, long waitingNanos, Object attachment) {
			this.idMsb = subject.taskId().getMostSignificantBits();
			this.idLsb = subject.taskId().getLeastSignificantBits();
			this.waitingNanos = waitingNanos;
			Instant warning = subject.warningAt();
			Instant due = subject.dueTime();
			this.warningNanos = warning == null ? NO_INSTANT : saturatedNanos(warning);
			this.dueNanos = due == null ? NO_INSTANT : saturatedNanos(due);
			this.attachment = attachment;
		}

		UUID taskId() {
			return new UUID(idMsb, idLsb);
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

		Entry entry(Candidate candidate, PrioritySubject subject) {
			ClassKey key = candidate.aging.key;
			Rank rank = new Rank(key.pinned, key.stage, candidate.points, subject.waitingSince(), subject.taskId());
			return new Entry(subject, key.profile.id, rank);
		}

	}

}
