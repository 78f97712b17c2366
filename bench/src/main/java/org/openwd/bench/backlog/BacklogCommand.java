package org.openwd.bench.backlog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openwd.bench.Results;

/**
 * {@code openwd-bench backlog [--name value ...] [-- platform args]}: options and defaults of the large-backlog run (see
 * bench/README.md). {@code --smoke true} selects the seconds-long sizes the test suite uses.
 */
public final class BacklogCommand {

	/** The seconds-long sizes of the smoke run (correctness only). */
	public static final Map<String, String> SMOKE = Map.of("tasks", "2000", "employees", "20", "readyWindow", "1", "phase", "3",
			"quiet", "0", "thinkMin", "20", "thinkMax", "100", "handleMin", "200", "handleMax", "600", "heap", "1g");

	private BacklogCommand() {
	}

	public static boolean run(Map<String, String> options, List<String> platformArgs, Path jar, Path out) throws Exception {
		Map<String, String> o = new HashMap<>();
		if (Boolean.parseBoolean(options.getOrDefault("smoke", "false"))) {
			o.putAll(SMOKE);
		}
		o.putAll(options);
		String jdbc = o.get("jdbc");
		BacklogBench.Settings settings = new BacklogBench.Settings(jar, integer(o, "tasks", 100_000),
				integer(o, "employees", 2000), integer(o, "skills", 200), o.getOrDefault("heap", "4g"), jdbc,
				o.getOrDefault("user", "openwd"), o.getOrDefault("password", ""), platformArgs, integer(o, "readyWindow", 5),
				integer(o, "phase", 30), integer(o, "quiet", jdbc == null ? 0 : 60),
				new int[] { integer(o, "thinkMin", 500), integer(o, "thinkMax", 2000) },
				new int[] { integer(o, "handleMin", 10_000), integer(o, "handleMax", 110_000) }, integer(o, "seed", 8),
				Duration.parse(o.getOrDefault("maxWait", "PT8H")), Long.parseLong(o.getOrDefault("dbPid", "-1")),
				integer(o, "readyInFlight", 0));
		Results results = new Results("backlog").config("settings", BacklogBench.describe(settings));
		Path data = o.containsKey("data") ? Path.of(o.get("data")) : Files.createTempDirectory("openwd-backlog-");
		results.config("dataDir", data.toString());
		BacklogBench.Verdict verdict = o.containsKey("url")
				? new BacklogBench(settings, results).shiftOnly(o.get("url"), Path.of(o.get("log")))
				: new BacklogBench(settings, results).run(data);
		results.add("correctness", "loaded / rebuilt (distribution, queue order) / employees offered / double offers",
				verdict.correct() ? 0 : 1, "bad",
				verdict.loaded() + " / " + verdict.distributionRebuilt() + ", " + verdict.queueOrderRebuilt() + " / "
						+ verdict.employeesOffered() + " of " + verdict.employees() + " / " + verdict.doubleOffers()
						+ (verdict.errors().isEmpty() ? "" : " errors: " + verdict.errors().subList(0, Math.min(5, verdict.errors().size()))));
		results.print(System.out);
		System.out.println("results: " + results.write(out));
		System.out.println(verdict.correct() ? "CORRECT" : "INCORRECT");
		return verdict.correct();
	}

	private static int integer(Map<String, String> o, String key, int fallback) {
		return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
	}

}
