package org.openwd.bench.engine;

import java.lang.management.ManagementFactory;

/** W4's "bytes of heap per queued task": heap in use after a full GC, with and without the backlog in the engine. */
public final class HeapFootprint {

	private HeapFootprint() {
	}

	public static double bytesPerTask(int backlog, int employees, int skills) {
		long empty = usedAfterGc(EngineFixture.build(0, employees, skills, 3));
		EngineFixture full = EngineFixture.build(backlog, employees, skills, 3);
		long used = usedAfterGc(full);
		return (double) (used - empty) / backlog;
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
