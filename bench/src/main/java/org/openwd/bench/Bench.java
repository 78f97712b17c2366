package org.openwd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openwd.bench.baseline.Baselines;
import org.openwd.bench.engine.HeapFootprint;
import org.openwd.bench.load.LoadGenerator;
import org.openwd.bench.load.PlatformProcess;

/**
 * The benchmark harness's command line. See bench/README.md; every row of docs/PERFORMANCE.md names the command that
 * produced it.
 *
 * <pre>
 * java -jar bench/target/openwd-bench.jar smoke     [--jar platform.jar]                   tiny run, exit 1 if incorrect
 * java -jar bench/target/openwd-bench.jar load      [--url URL | --jar platform.jar] [--tasks N] [--employees N] ...
 * java -jar bench/target/openwd-bench.jar baselines [--backlog 100000,1000000] [--jdbc URL --user U --password P]
 * java -jar bench/target/openwd-bench.jar heap      [--backlog 1000000]
 * java -jar bench/target/openwd-bench.jar jmh       [JMH options, e.g. EngineBenchmark -p backlog=1000000]
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: openwd-bench smoke|load|baselines|heap|jmh [options] (see bench/README.md)");
			System.exit(2);
		}
		String command = args[0];
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		if (command.equals("jmh")) {
			org.openjdk.jmh.Main.main(rest);
			return;
		}
		Options o = Options.parse(rest);
		Path out = Path.of(o.get("out", "bench/target/results"));
		switch (command) {
			case "smoke" -> System.exit(smoke(o, out) ? 0 : 1);
			case "load" -> System.exit(load(o, out) ? 0 : 1);
			case "baselines" -> baselines(o, out);
			case "heap" -> heap(o, out);
			case "backlog" -> System.exit(backlog(o, out) ? 0 : 1);
			default -> {
				System.err.println("unknown command " + command);
				System.exit(2);
			}
		}
	}

	/** The test suite's run: seconds, tiny sizes, every correctness check, no timing assertions. */
	public static boolean smoke(Options o, Path out) throws Exception {
		Map<String, String> defaults = Map.of("capture", "200", "threads", "4", "batch", "100", "batchTasks", "500",
				"employees", "5", "capacity", "2", "tasks", "40", "reject", "0.2", "expire", "0.1", "offerTimeout", "PT3S");
		Map<String, String> merged = new HashMap<>(defaults);
		merged.putAll(o.values);
		return load(new Options(merged, o.extra), out);
	}

	static boolean load(Options o, Path out) throws Exception {
		int employees = o.integer("employees", 50);
		Results results = new Results("load").config("options", o.values);
		PlatformProcess started = null;
		String url = o.get("url", null);
		try {
			if (url == null) {
				Path jar = Path.of(o.get("jar", defaultJar()));
				Path data = Files.createTempDirectory("openwd-bench-");
				results.config("platform", "started: " + jar.getFileName() + " " + o.extra);
				started = PlatformProcess.start(jar, data, employees, o.get("heap", "2g"), o.extra);
				url = started.url;
			}
			results.config("url", url);
			LoadGenerator load = new LoadGenerator(url);
			List<LoadGenerator.Verdict> verdicts = new ArrayList<>();
			String type = load.setUpWork("capture", "PT30S");
			int capture = o.integer("capture", 5000);
			if (capture > 0) {
				verdicts.add(load.captureSingle(type, capture, o.integer("threads", 16), results));
			}
			int batchTasks = o.integer("batchTasks", 20000);
			if (batchTasks > 0) {
				verdicts.add(load.captureBatch(type, batchTasks, o.integer("batch", 500), o.integer("batchThreads", 4), results));
			}
			int tasks = o.integer("tasks", 2000);
			if (tasks > 0 && employees > 0) {
				verdicts.add(load.employees(new LoadGenerator.EmployeeWorkload(employees, o.integer("capacity", 2), tasks,
						o.decimal("reject", 0.2), o.decimal("expire", 0.1), o.integer("thinkMin", 50), o.integer("thinkMax", 300),
						o.integer("handleMin", 100), o.integer("handleMax", 500), o.get("offerTimeout", "PT3S")),
						o.integer("timeout", 600), results));
			}
			boolean correct = true;
			for (LoadGenerator.Verdict v : verdicts) {
				results.add("correctness", "captured / completed / lost / duplicates / double offers", v.lost() + v.duplicates()
						+ v.doubleOffers(), "bad", v.captured() + " / " + v.completed() + " / " + v.lost() + " / " + v.duplicates()
						+ " / " + v.doubleOffers() + (v.errors().isEmpty() ? "" : " errors: " + v.errors().subList(0,
								Math.min(5, v.errors().size()))));
				correct &= v.correct();
			}
			results.print(System.out);
			System.out.println("results: " + results.write(out));
			System.out.println(correct ? "CORRECT" : "INCORRECT");
			return correct;
		}
		finally {
			if (started != null) {
				started.close();
			}
		}
	}

	static void baselines(Options o, Path out) throws Exception {
		String jdbc = o.get("jdbc", "jdbc:h2:mem:openwd-bench;DB_CLOSE_DELAY=-1");
		Results results = new Results("baselines").config("jdbc", jdbc.replaceAll("password=[^&;]*", "password=***"));
		Baselines baselines = new Baselines(jdbc, o.get("user", "sa"), o.get("password", ""));
		for (String size : o.get("backlog", "100000,1000000").split(",")) {
			baselines.run(Integer.parseInt(size.trim()), o.integer("employees", 2000), o.integer("skills", 200),
					o.integer("decisions", 200_000), o.integer("baselineDecisions", 50), results);
		}
		results.print(System.out);
		System.out.println("results: " + results.write(out));
	}

	static void heap(Options o, Path out) throws Exception {
		Results results = new Results("heap");
		for (String size : o.get("backlog", "1000000").split(",")) {
			int n = Integer.parseInt(size.trim());
			results.add("W4 heap", "bytes per queued task (backlog " + n + ")",
					HeapFootprint.bytesPerTask(n, o.integer("employees", 2000), o.integer("skills", 200)), "B", "target <= 200");
		}
		results.print(System.out);
		System.out.println("results: " + results.write(out));
	}

	/** W3, W4 restart and W5 on a bulk-loaded backlog (org.openwd.bench.backlog); {@code smoke} sizes with --smoke true. */
	public static boolean backlog(Options o, Path out) throws Exception {
		return org.openwd.bench.backlog.BacklogCommand.run(o.values, o.extra, Path.of(o.get("jar", defaultJar())), out);
	}

	static String defaultJar() {
		Path target = Path.of("platform/target");
		try (var files = Files.list(target)) {
			return files.filter(p -> p.getFileName().toString().matches("openwd-platform-.*\\.jar"))
				.filter(p -> !p.getFileName().toString().contains("-engine"))
				.findFirst()
				.map(Path::toString)
				.orElse("platform/target/openwd-platform.jar");
		}
		catch (java.io.IOException ex) {
			return "platform/target/openwd-platform.jar";
		}
	}

	/** {@code --key value} pairs; everything after {@code --} goes to the started platform. */
	public record Options(Map<String, String> values, List<String> extra) {

		public static Options parse(String[] args) {
			Map<String, String> values = new HashMap<>();
			List<String> extra = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				if (args[i].equals("--")) {
					extra.addAll(Arrays.asList(args).subList(i + 1, args.length));
					break;
				}
				if (!args[i].startsWith("--") || i + 1 >= args.length) {
					throw new IllegalArgumentException("expected --name value, got " + args[i]);
				}
				values.put(args[i].substring(2), args[++i]);
			}
			return new Options(values, extra);
		}

		String get(String key, String fallback) {
			return values.getOrDefault(key, fallback);
		}

		int integer(String key, int fallback) {
			return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
		}

		double decimal(String key, double fallback) {
			return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
		}

	}

}
