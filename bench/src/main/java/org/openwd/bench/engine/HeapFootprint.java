package org.openwd.bench.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.openjdk.jol.info.GraphLayout;

import org.openwd.bench.Results;

/**
 * W4's "bytes of heap per queued task": heap in use after a full GC, with and without the backlog in the engine; and,
 * per class, what the engine's object graph holds per queued task (JOL walks it from the engine: exact shallow sizes
 * of every reachable object, the backlog-free engine subtracted).
 */
public final class HeapFootprint {

	private HeapFootprint() {
	}

	public static double bytesPerTask(int backlog, int employees, int skills) {
		return bytesPerTask(backlog, employees, skills, false);
	}

	/** With {@code withSlaAndCustomers}: every task has an SLA and a customer id (see {@link EngineFixture#build}). */
	public static double bytesPerTask(int backlog, int employees, int skills, boolean withSlaAndCustomers) {
		long empty = usedAfterGc(EngineFixture.build(0, employees, skills, 3));
		EngineFixture full = EngineFixture.build(backlog, employees, skills, 3, withSlaAndCustomers);
		long used = usedAfterGc(full);
		return (double) (used - empty) / backlog;
	}

	/** One result row per class that costs at least half a byte per queued task, biggest first, and their total. */
	public static void breakdown(int backlog, int employees, int skills, Results results) {
		breakdown(backlog, employees, skills, false, results);
	}

	/** The breakdown; with {@code withSlaAndCustomers} of the fixture whose tasks have SLAs and customer ids. */
	public static void breakdown(int backlog, int employees, int skills, boolean withSlaAndCustomers, Results results) {
		// records' field offsets are refused through sun.misc.Unsafe on JDK 17: let JOL find them its other way
		System.setProperty("jol.magicFieldOffset", "true");
		GraphLayout empty = GraphLayout.parseInstance(EngineFixture.build(0, employees, skills, 3).engine);
		GraphLayout full = GraphLayout.parseInstance(EngineFixture.build(backlog, employees, skills, 3, withSlaAndCustomers).engine);
		String workload = withSlaAndCustomers ? "W4 heap by class, SLA + customer" : "W4 heap by class";
		List<Class<?>> classes = new ArrayList<>(full.getClasses());
		classes.sort(Comparator.comparingLong((Class<?> c) -> -(full.getClassSizes().count(c) - empty.getClassSizes().count(c))));
		for (Class<?> type : classes) {
			long bytes = full.getClassSizes().count(type) - empty.getClassSizes().count(type);
			long count = full.getClassCounts().count(type) - empty.getClassCounts().count(type);
			if (bytes >= backlog / 2) {
				results.add(workload, type.getName() + " (backlog " + backlog + ")", (double) bytes / backlog, "B/task",
						String.format("%,d objects, %,d B", count, bytes));
			}
		}
		results.add(workload, "total reachable from the engine (backlog " + backlog + ")",
				(double) (full.totalSize() - empty.totalSize()) / backlog, "B/task",
				String.format("%,d objects", full.totalCount() - empty.totalCount()));
	}

	private static long usedAfterGc(Object keepAlive) {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		if (keepAlive.hashCode() == 42) { // keeps the fixture reachable until measured
			System.out.print("");
		}
		return used;
	}

}
