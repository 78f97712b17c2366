package org.openwd.rules.priority;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Not a test: a throwaway measurement of the index with a large backlog (default 1,000,000 tasks in 50 aging classes,
 * a fifth of them with SLA thresholds). Prints the cost of {@code best()}, {@code top(10)}, a filtered walk, add and
 * remove, a policy change and the heap per task. No numbers are asserted anywhere.
 * Run: {@code java -Xmx2g -XX:+UseSerialGC -cp platform/target/classes:platform/target/test-classes
 * org.openwd.rules.priority.AgingOrderIndexCostProbe [tasks]}.
 */
public final class AgingOrderIndexCostProbe {

	private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

	private static volatile Object sink;

	public static void main(String[] args) {
		int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Random random = new Random(1);

		long baseline = usedHeap();
		List<PrioritySubject> subjects = new ArrayList<>(tasks);
		for (int i = 0; i < tasks; i++) {
			subjects.add(subject(random, i));
		}
		long withSubjects = usedHeap();

		AgingOrderIndex index = new AgingOrderIndex();
		for (int p = 0; p < 5; p++) {
			index.replacePolicy("profile-" + p, PriorityPolicy.aging(10 * p, 1 + p, Duration.ofSeconds(20 + 10 * p), 100 + 20 * p)
				.withValueWeight(0.05));
		}
		long t0 = System.nanoTime();
		for (int i = 0; i < tasks; i++) {
			index.add("profile-" + (i % 5), subjects.get(i));
		}
		long addNanos = System.nanoTime() - t0;
		long withIndex = usedHeap();

		System.out.printf("tasks %,d in %d aging classes%n", index.size(), index.classCount());
		System.out.printf("heap: subjects %.0f B/task (list slot included), index %.0f B/task, total %.0f B/task%n",
				(withSubjects - baseline) / (double) tasks, (withIndex - withSubjects) / (double) tasks,
				(withIndex - baseline) / (double) tasks);
		System.out.printf("add (bulk load): %.0f ns/task%n", addNanos / (double) tasks);

		Instant now = START.plus(Duration.ofHours(2));
		t0 = System.nanoTime();
		index.best(now);
		System.out.printf("first query after loading (moves tasks whose SLA threshold passed): %.1f ms, %d classes%n",
				(System.nanoTime() - t0) / 1e6, index.classCount());

		for (int round = 0; round < 3; round++) {
			now = measure("best()", 200_000, now, at -> sink = index.best(at));
			now = measure("top(10)", 100_000, now, at -> sink = index.top(at, 10));
			now = measure("best(), filter accepting 1/2", 100_000, now,
					at -> sink = index.best(at, subject -> (subject.taskId().getMostSignificantBits() & 1) == 0));
			now = measure("best(), filter accepting 1/1000", 5_000, now,
					at -> sink = index.best(at, subject -> Math.floorMod(subject.taskId().getMostSignificantBits(), 1000) == 0));
		}

		int churn = Math.min(200_000, tasks);
		t0 = System.nanoTime();
		for (int i = 0; i < churn; i++) {
			index.remove(subjects.get(i).taskId());
			index.add("profile-" + (i % 5), subjects.get(i));
		}
		System.out.printf("remove + add: %.0f ns per pair%n", (System.nanoTime() - t0) / (double) churn);

		t0 = System.nanoTime();
		index.replacePolicy("profile-0", PriorityPolicy.aging(30, 2, Duration.ofSeconds(15), 200));
		System.out.printf("replacePolicy on a profile with %,d tasks: %.1f us%n", tasks / 5, (System.nanoTime() - t0) / 1e3);
		sink = subjects;
	}

	private static Instant measure(String what, int calls, Instant from, java.util.function.Consumer<Instant> query) {
		Instant now = from;
		long t0 = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			now = now.plusMillis(1);
			query.accept(now);
		}
		System.out.printf("%-32s %8.2f us/call%n", what, (System.nanoTime() - t0) / 1e3 / calls);
		return now;
	}

	/** Ten business values per profile (5 profiles, 50 classes), waiting since the last hour, a fifth with an SLA. */
	private static PrioritySubject subject(Random random, int i) {
		PrioritySubject subject = PrioritySubject.queued(new UUID(random.nextLong(), i),
				START.plusMillis(random.nextInt(3_600_000)))
			.withBusinessValue(100 * random.nextInt(10));
		if (i % 5 == 0) {
			Instant due = START.plus(Duration.ofMinutes(30 + random.nextInt(600)));
			subject = subject.withSla(due.minus(Duration.ofMinutes(15)), due);
		}
		return subject;
	}

	private static long usedHeap() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
