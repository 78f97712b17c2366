package org.openwd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.HdrHistogram.Histogram;

/** Collects the rows of one run, prints them as a table and writes them, with the configuration, as JSON. */
public final class Results {

	public record Row(String workload, String metric, double value, String unit, String note) {
	}

	private final String name;

	private final Map<String, Object> configuration = new LinkedHashMap<>();

	private final List<Row> rows = new ArrayList<>();

	private final Instant started = Instant.now();

	public Results(String name) {
		this.name = name;
		configuration.put("java", System.getProperty("java.version"));
		configuration.put("cpus", Runtime.getRuntime().availableProcessors());
		configuration.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
	}

	public Results config(String key, Object value) {
		configuration.put(key, value);
		return this;
	}

	public synchronized Results add(String workload, String metric, double value, String unit, String note) {
		rows.add(new Row(workload, metric, value, unit, note));
		return this;
	}

	/** Adds p50/p99/max/count rows of a histogram recorded in nanoseconds, reported in {@code unit}. */
	public Results latency(String workload, String metric, Histogram nanos, TimeUnit unit) {
		double div = unit.toNanos(1);
		String u = switch (unit) {
			case MICROSECONDS -> "us";
			case MILLISECONDS -> "ms";
			case NANOSECONDS -> "ns";
			default -> unit.name().toLowerCase();
		};
		add(workload, metric + " p50", nanos.getValueAtPercentile(50) / div, u, "n=" + nanos.getTotalCount());
		add(workload, metric + " p99", nanos.getValueAtPercentile(99) / div, u, "n=" + nanos.getTotalCount());
		add(workload, metric + " max", nanos.getMaxValue() / div, u, "n=" + nanos.getTotalCount());
		return this;
	}

	public List<Row> rows() {
		return List.copyOf(rows);
	}

	public Map<String, Object> configuration() {
		return Map.copyOf(configuration);
	}

	public void print(PrintStream out) {
		Map<String, Object> shown = new LinkedHashMap<>();
		// long series (samples per second) are in the JSON only
		configuration.forEach((k, v) -> shown.put(k,
				v instanceof java.util.Collection<?> c && c.size() > 20 ? c.size() + " entries, see the JSON" : v));
		out.printf("%n== %s (%s)%n", name, shown);
		out.printf("%-34s %-46s %14s %-5s %s%n", "workload", "metric", "value", "unit", "note");
		for (Row r : rows) {
			out.printf("%-34s %-46s %14.3f %-5s %s%n", r.workload(), r.metric(), r.value(), r.unit(),
					r.note() == null ? "" : r.note());
		}
	}

	/** Writes {@code <dir>/<name>-<timestamp>.json}: configuration, process figures and rows. */
	public Path write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("name", name);
		doc.put("started", started);
		doc.put("finished", Instant.now());
		doc.put("configuration", configuration);
		var os = ManagementFactory.getOperatingSystemMXBean();
		Map<String, Object> process = new LinkedHashMap<>();
		process.put("systemLoadAverage", os.getSystemLoadAverage());
		if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
			process.put("processCpuSeconds", sun.getProcessCpuTime() / 1e9);
		}
		process.put("heapUsedMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
		doc.put("benchProcess", process);
		doc.put("rows", rows);
		Path file = dir.resolve(name + "-" + started.toString().replace(':', '-') + ".json");
		new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
		return file;
	}

	public static Histogram histogram() {
		// up to an hour: lags under overload are results too, not a reason to crash the run
		return new Histogram(TimeUnit.HOURS.toNanos(1), 3);
	}

}
