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
import org.openwd.bench.load.AmqpCapture;
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
 * java -jar bench/target/openwd-bench.jar sessions  [--agents 4900 --supervisors 100 --rate 100] (W8; sessions-smoke: 50)
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
			case "sessions" -> System.exit(org.openwd.bench.sessions.LiveSessions.run(o, out) ? 0 : 1);
			case "sessions-smoke" -> System.exit(org.openwd.bench.sessions.LiveSessions.smoke(o, out) ? 0 : 1);
			// W6 escalation timers (bench/README.md)
			case "timers" -> System.exit(org.openwd.bench.timers.TimerBench.run(o, out) ? 0 : 1);
			case "backlog" -> System.exit(backlog(o, out) ? 0 : 1);
			default -> {
				System.err.println("unknown command " + command);
				System.exit(2);
			}
		}
	}

	/** The test suite's run: seconds, tiny sizes, every correctness check, no timing assertions. */
	public static boolean smoke(Options o, Path out) throws Exception {
		Map<String, String> defaults = Map.ofEntries(Map.entry("capture", "200"), Map.entry("threads", "4"),
				Map.entry("batch", "100"), Map.entry("batchTasks", "500"), Map.entry("amqp", "300"), Map.entry("employees", "5"),
				Map.entry("capacity", "2"), Map.entry("tasks", "40"), Map.entry("reject", "0.2"), Map.entry("expire", "0.1"),
				Map.entry("offerTimeout", "PT3S"), Map.entry("warmup", "0"), Map.entry("waves", "2"), Map.entry("warmupWaves", "1"),
				Map.entry("cascadeTasks", "5"), Map.entry("cascadeEmployees", "3"), Map.entry("cascadeStep", "PT1S"));
		Map<String, String> merged = new HashMap<>(defaults);
		merged.putAll(o.values);
		return load(new Options(merged, o.extra), out);
	}

	static boolean load(Options o, Path out) throws Exception {
		int employees = o.integer("employees", 50);
		int logins = Math.max(employees, o.integer("cascadeTasks", 0) > 0 ? o.integer("cascadeEmployees", 5) : 0);
		Results results = new Results("load").config("options", o.values);
		PlatformProcess started = null;
		String url = o.get("url", null);
		String amqpUri = o.get("amqpUri", null);
		try {
			if (url == null) {
				Path jar = Path.of(o.get("jar", defaultJar()));
				Path data = Files.createTempDirectory("openwd-bench-");
				results.config("platform", "started: " + jar.getFileName() + " " + o.extra);
				started = PlatformProcess.start(jar, data, logins, o.get("heap", "2g"), o.extra);
				url = started.url;
				amqpUri = amqpUri != null ? amqpUri : started.amqpUri;
			}
			results.config("url", url);
			LoadGenerator load = new LoadGenerator(url);
			List<LoadGenerator.Verdict> verdicts = new ArrayList<>();
			String type = load.setUpWork("capture", "PT30S");
			int warmup = o.integer("warmup", 1000);
			if (warmup > 0) {
				// a fresh JVM runs the capture path interpreted and spends a core compiling it: capture some items first,
				// unmeasured and checked like the rest, so the rows below describe the steady state
				LoadGenerator warm = new LoadGenerator(url);
				Results ignored = new Results("warm-up");
				verdicts.add(warm.captureSingle(type, warmup, o.integer("threads", 16), ignored));
				verdicts.add(warm.captureBatch(type, warmup * 4, o.integer("batch", 500), o.integer("batchThreads", 4), ignored));
			}
			int capture = o.integer("capture", 5000);
			if (capture > 0) {
				long cpu = cpuMillis(started);
				verdicts.add(load.captureSingle(type, capture, o.integer("threads", 16), results));
				cpuPerTask(results, "W1 capture REST single", started, cpu, capture);
			}
			int batchTasks = o.integer("batchTasks", 20000);
			if (batchTasks > 0) {
				long cpu = cpuMillis(started);
				verdicts.add(load.captureBatch(type, batchTasks, o.integer("batch", 500), o.integer("batchThreads", 4), results));
				cpuPerTask(results, "W1 capture REST batch", started, cpu, batchTasks);
			}
			int amqp = o.integer("amqp", 20000);
			if (amqp > 0 && amqpUri != null) {
				long cpu = cpuMillis(started);
				verdicts.add(new AmqpCapture(url, amqpUri).run(type, amqp, o.integer("confirmWindow", 500),
						o.integer("timeout", 600), results));
				cpuPerTask(results, "W1 capture AMQP", started, cpu, amqp);
			}
			int amqpBacklog = o.integer("amqpBacklog", 0);
			if (amqpBacklog > 0 && amqpUri != null) {
				// the queue is filled while the connector is paused: the CPU counted is the capture's, not the publish's
				AmqpCapture backlog = new AmqpCapture(url, amqpUri);
				backlog.publishBacklog(type, amqpBacklog, o.integer("confirmWindow", 500));
				long cpu = cpuMillis(started);
				verdicts.add(backlog.drainBacklog(amqpBacklog, o.integer("timeout", 600), results));
				cpuPerTask(results, "W1 capture AMQP backlog", started, cpu, amqpBacklog);
			}
			int tasks = o.integer("tasks", 2000);
			if (tasks > 0 && employees > 0) {
				verdicts.add(load.employees(new LoadGenerator.EmployeeWorkload(employees, o.integer("capacity", 2), tasks,
						o.decimal("reject", 0.2), o.decimal("expire", 0.1), o.integer("thinkMin", 50), o.integer("thinkMax", 300),
						o.integer("handleMin", 100), o.integer("handleMax", 500), o.get("offerTimeout", "PT3S")),
						o.integer("waves", 1), o.integer("warmupWaves", 0), o.integer("timeout", 600), results));
			}
			int cascadeTasks = o.integer("cascadeTasks", 0);
			if (cascadeTasks > 0) {
				verdicts.add(load.cascade(o.integer("cascadeEmployees", 5), cascadeTasks,
						java.time.Duration.parse(o.get("cascadeStep", "PT2S")), o.integer("cascadeSpacing", 200),
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

	/**
	 * CPU the started platform used, in ms (-1 when it runs elsewhere). Per task it is the figure that other load on the
	 * machine distorts least: contention stretches wall-clock time, not the work done.
	 */
	static long cpuMillis(PlatformProcess platform) throws InterruptedException {
		if (platform == null) {
			return -1;
		}
		platform.awaitQuiet(java.time.Duration.ofMinutes(5));
		return platform.cpuMillis();
	}

	/** Adds the platform's CPU per task since {@code before}; includes what the workload set off (escalation starts). */
	static void cpuPerTask(Results results, String workload, PlatformProcess platform, long before, int tasks)
			throws InterruptedException {
		if (platform != null && before >= 0 && tasks > 0) {
			long used = cpuMillis(platform) - before;
			results.add(workload, "platform CPU per task", (double) used / tasks, "ms",
					used + " ms of CPU for " + tasks + " tasks and all they set off (escalation starts, counters, relay)");
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
			results.add("W4 heap", "bytes per queued task with SLA + customer id (backlog " + n + ")",
					HeapFootprint.bytesPerTask(n, o.integer("employees", 2000), o.integer("skills", 200), true), "B", "target <= 200");
			if (!"false".equals(o.get("breakdown", "true"))) {
				HeapFootprint.breakdown(n, o.integer("employees", 2000), o.integer("skills", 200), false, results);
				HeapFootprint.breakdown(n, o.integer("employees", 2000), o.integer("skills", 200), true, results);
			}
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
