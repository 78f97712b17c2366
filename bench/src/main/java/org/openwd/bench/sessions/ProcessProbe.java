package org.openwd.bench.sessions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at a JVM on this machine from the outside: heap after a full GC ({@code jcmd GC.class_histogram}, which
 * collects first, then {@code GC.heap_info}), live objects per class, threads, resident memory and CPU time
 * ({@code /proc}). Also the bench's own CPU, so that it is not mistaken for the platform's.
 */
final class ProcessProbe {

	private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

	private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

	/** What a full GC left: bytes used and bytes per class. */
	record Heap(long usedBytes, long committedBytes, Map<String, long[]> classes) {

		/** The classes that grew most from {@code before} to this, as "bytes instances class" lines. */
		List<String> grownSince(Heap before, int top, int perDivisor) {
			List<Map.Entry<String, long[]>> grown = new ArrayList<>();
			classes.forEach((name, now) -> {
				long[] then = before.classes.getOrDefault(name, new long[2]);
				grown.add(Map.entry(name, new long[] { now[0] - then[0], now[1] - then[1] }));
			});
			grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
			List<String> out = new ArrayList<>();
			for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
				out.add("%,d B (%.1f per session) in %,d more %s".formatted(e.getValue()[1],
						e.getValue()[1] / (double) Math.max(1, perDivisor), e.getValue()[0], e.getKey()));
			}
			return out;
		}

	}

	private final long pid;

	ProcessProbe(long pid) {
		this.pid = pid;
	}

	Heap heapAfterFullGc() throws IOException, InterruptedException {
		Map<String, long[]> classes = new HashMap<>();
		for (String line : jcmd("GC.class_histogram").split("\n")) {
			Matcher m = HISTOGRAM_ROW.matcher(line);
			if (m.matches()) {
				classes.put(m.group(3), new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) });
			}
		}
		Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
		if (!used.find()) {
			throw new IllegalStateException("jcmd GC.heap_info: no 'total ..K, used ..K' line");
		}
		return new Heap(Long.parseLong(used.group(2)) * 1024, Long.parseLong(used.group(1)) * 1024, classes);
	}

	int threads() throws IOException {
		return (int) status("Threads:");
	}

	long residentBytes() throws IOException {
		return status("VmRSS:") * 1024;
	}

	/** User + system CPU seconds the process has used so far (clock ticks of 1/100 s). */
	double cpuSeconds() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// after "pid (comm) ": state is field 0, utime field 11, stime field 12
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	static double benchCpuSeconds() {
		return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? os.getProcessCpuTime() / 1e9 : Double.NaN;
	}

	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private long status(String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
			}
		}
		return -1;
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
		byte[] out = p.getInputStream().readAllBytes();
		if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
		}
		return new String(out, StandardCharsets.UTF_8);
	}

}
