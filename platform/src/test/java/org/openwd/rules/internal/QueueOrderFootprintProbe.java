package org.openwd.rules.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.openwd.rules.priority.PriorityPolicy;
import org.openwd.task.TaskSnapshot;

/**
 * Not a test: the heap the queue views ({@link QueueOrdering}) hold per queued task, with snapshots shaped like the task
 * list's (see {@link QueueSnapshots}). Measures, after full GCs: the snapshots themselves, the map of snapshots by id
 * that {@code QueueOrdering} kept until 2026-12-01, and {@link QueueOrder}, which keeps only its index node per task.
 * No numbers are asserted anywhere.
 * Run: {@code java -Xmx6g -cp platform/target/classes:platform/target/test-classes
 * org.openwd.rules.internal.QueueOrderFootprintProbe [tasks]}.
 */
public final class QueueOrderFootprintProbe {

	private static volatile Object sink;

	public static void main(String[] args) {
		int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		List<String> profiles = QueueSnapshots.profiles();
		Random random = new Random(5);

		long base = usedHeap();
		List<TaskSnapshot> snapshots = new ArrayList<>(tasks);
		for (int i = 0; i < tasks; i++) {
			int department = random.nextInt(10);
			Set<String> skills = random.nextInt(4) == 0 ? Set.of("skill" + department, "skill" + (department + 10))
					: Set.of("skill" + (department + 10 * random.nextInt(20)));
			snapshots.add(QueueSnapshots.queued(random, i, profiles.get(random.nextInt(profiles.size())), skills));
		}
		long withSnapshots = usedHeap();
		System.out.printf("tasks %,d%n", tasks);
		System.out.printf("one snapshot (list slot included): %.0f B%n", (withSnapshots - base) / (double) tasks);

		Map<UUID, TaskSnapshot> map = new ConcurrentHashMap<>();
		snapshots.forEach(snapshot -> map.put(snapshot.id().value(), snapshot));
		long withMap = usedHeap();
		System.out.printf("the map by id on top of the snapshots: %.0f B/task%n", (withMap - withSnapshots) / (double) tasks);
		sink = map;
		map.clear();
		sink = null;

		long reference = usedHeap();
		QueueOrder order = new QueueOrder();
		for (int p = 0; p < profiles.size(); p++) {
			order.replacePolicy(profiles.get(p), PriorityPolicy.aging(10 + 10 * p, 1 + p, Duration.ofMinutes(1 + p), 500));
		}
		long t0 = System.nanoTime();
		snapshots.forEach(order::upsert);
		long upsertNanos = System.nanoTime() - t0;
		long withOrder = usedHeap();
		System.out.printf("QueueOrder (index node and shared entries, no snapshot): %.0f B/task, upsert %.0f ns/task%n",
				(withOrder - reference) / (double) tasks, upsertNanos / (double) tasks);
		System.out.printf("QueueOrder size %,d%n", order.size());
		sink = order;
		sink = snapshots;
	}

	private static long usedHeap() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
