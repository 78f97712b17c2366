package org.openwd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The harness's smoke mode, run by the test suite so it never rots: it starts the platform jar on the embedded default,
 * captures through REST (single and batch), and lets five simulated STOMP employees accept, reject and miss offers until
 * all work is done. It asserts correctness only (nothing lost, nothing twice, no double offer), never timings.
 */
class HarnessSmokeIT {

	@Test
	void theSmokeRunCapturesAndDistributesEverythingExactlyOnce() throws Exception {
		Path jar = Path.of(System.getProperty("openwd.bench.platform-jar", "../platform/target/openwd-platform.jar"));
		assertThat(jar).as("the platform jar is built before the bench module").exists();
		Path out = Files.createTempDirectory("bench-results");
		boolean correct = Bench.smoke(new Bench.Options(Map.of("jar", jar.toString()), List.of()), out);
		assertThat(correct).as("the smoke run found lost, duplicated or double-offered work (see the output above)").isTrue();
		try (var files = Files.list(out)) {
			Path written = files.findFirst().orElseThrow();
			assertThat(Files.readString(written)).contains("\"W1 capture REST single\"", "\"W2/W7 employees\"");
		}
	}

	/**
	 * W8's smoke size: 45 agent and 5 supervisor inbox sessions on a platform of their own; every session must connect
	 * and stay connected, the server must count all of them, and every presence change must reach its agent's inbox
	 * and every supervisor exactly once. No timings.
	 */
	@Test
	void theSessionsSmokeRunConnectsEverySessionAndDeliversEachPushExactlyOnce() throws Exception {
		Path jar = Path.of(System.getProperty("openwd.bench.platform-jar", "../platform/target/openwd-platform.jar"));
		assertThat(jar).as("the platform jar is built before the bench module").exists();
		Path out = Files.createTempDirectory("bench-sessions");
		boolean correct = org.openwd.bench.sessions.LiveSessions.smoke(new Bench.Options(Map.of("jar", jar.toString()),
				List.of()), out);
		assertThat(correct).as("a session failed or a push was missing or doubled (see the output above)").isTrue();
		try (var files = Files.list(out)) {
			assertThat(Files.readString(files.findFirst().orElseThrow()))
				.contains("\"sessions the server reports (openwd.live.sessions)\"", "\"value\" : 50.0");
		}
	}

	/**
	 * W6 at smoke size on the embedded default: one real escalation instance cloned to 3,000 waiting timers, 320 of
	 * them due within seconds. Asserts only that every due timer fired exactly once, ran the model's SLA-warning step
	 * and left its instance waiting at the next timer, and that no far timer fired.
	 */
	@Test
	void theTimersSmokeRunFiresEveryDueTimerExactlyOnce() throws Exception {
		Path jar = Path.of(System.getProperty("openwd.bench.platform-jar", "../platform/target/openwd-platform.jar"));
		assertThat(jar).as("the platform jar is built before the bench module").exists();
		Path out = Files.createTempDirectory("bench-timers-results");
		boolean correct = org.openwd.bench.timers.TimerBench
			.run(new Bench.Options(Map.of("jar", jar.toString(), "smoke", "true"), List.of()), out);
		assertThat(correct).as("a due timer did not fire exactly once, or did not do what the model says (see the output above)")
			.isTrue();
		try (var files = Files.list(out)) {
			assertThat(Files.readString(files.findFirst().orElseThrow())).contains("\"W6 timers\"",
					"correctness: due timers fired exactly once");
		}
	}

	/**
	 * The backlog mode at smoke size: the platform's own migrations create the schema, 2,000 queued tasks are written
	 * straight into it, the restarted platform rebuilds all of them in both in-memory indexes, 20 STOMP employees go ready
	 * and each gets a first offer, a routing-profile change reaches the engine, and no task is offered to two at once.
	 */
	@Test
	void theBacklogSmokeRunRebuildsEveryLoadedTaskAndOffersWorkToEveryEmployeeOnce() throws Exception {
		Path jar = Path.of(System.getProperty("openwd.bench.platform-jar", "../platform/target/openwd-platform.jar"));
		assertThat(jar).as("the platform jar is built before the bench module").exists();
		Path out = Files.createTempDirectory("bench-results");
		boolean correct = org.openwd.bench.backlog.BacklogCommand.run(Map.of("smoke", "true"), List.of(), jar, out);
		assertThat(correct).as("the backlog smoke run found a task not rebuilt, an employee without an offer, a double offer "
				+ "or an error (see the output above)").isTrue();
		try (var files = Files.list(out)) {
			assertThat(Files.readString(files.findFirst().orElseThrow())).contains("\"W4 restart\"", "\"W3 shift start\"",
					"\"W5 profile change\"");
		}
	}

}
