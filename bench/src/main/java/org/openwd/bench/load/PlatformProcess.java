package org.openwd.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the platform jar as a separate JVM on a free port (embedded default unless the arguments say otherwise), with
 * {@code employees} bench agent logins {@code bench-agent-<i>} (password = name, stored with {@code {noop}} so that no
 * password hashing lands in the measured path), and stops it again.
 */
public final class PlatformProcess implements AutoCloseable {

	/** The AMQP connector every started platform runs: it consumes {@link #AMQP_QUEUE} as source {@link #AMQP_SOURCE}. */
	public static final String AMQP_CONNECTOR = "bench-amqp";

	public static final String AMQP_SOURCE = "bench-amqp";

	public static final String AMQP_QUEUE = "bench.capture";

	private final Process process;

	private final Path log;

	public final String url;

	/** The embedded broker of the started platform, for sources that publish to it. */
	public final String amqpUri;

	private PlatformProcess(Process process, Path log, String url, String amqpUri) {
		this.process = process;
		this.log = log;
		this.url = url;
		this.amqpUri = amqpUri;
	}

	/** A generated login: password = name, stored with {@code {noop}}. */
	public record User(String name, String role) {
	}

	public static PlatformProcess start(Path jar, Path dataDir, int employees, String heap, List<String> extraArgs)
			throws IOException, InterruptedException {
		List<User> agents = new ArrayList<>();
		for (int i = 0; i < employees; i++) {
			agents.add(new User(LoadGenerator.agent(i), "AGENT"));
		}
		return start(jar, dataDir, agents, heap, extraArgs);
	}

	/** Starts the platform with the given generated logins (e.g. agents and supervisors). */
	public static PlatformProcess start(Path jar, Path dataDir, List<User> logins, String heap, List<String> extraArgs)
			throws IOException, InterruptedException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("platform jar not found: " + jar + " (build it with mvn -DskipTests package)");
		}
		Files.createDirectories(dataDir);
		Path users = dataDir.resolve("bench-users.properties");
		StringBuilder props = new StringBuilder();
		for (int i = 0; i < logins.size(); i++) {
			User user = logins.get(i);
			props.append("openwd.security.users[").append(i).append("].username=").append(user.name()).append('\n');
			props.append("openwd.security.users[").append(i).append("].password={noop}").append(user.name()).append('\n');
			props.append("openwd.security.users[").append(i).append("].roles=").append(user.role()).append('\n');
		}
		String amqp = "openwd.connectors.instances." + AMQP_CONNECTOR + ".";
		props.append(amqp).append("type=amqp\n").append(amqp).append("source-system=").append(AMQP_SOURCE).append('\n');
		props.append(amqp).append("settings.queue=").append(AMQP_QUEUE).append('\n');
		props.append(amqp).append("settings.concurrency=4\n").append(amqp).append("settings.prefetch=250\n");
		// batch consumption (one capture transaction per batch); -Dopenwd.bench.amqp-batch-size=1 captures message by message
		props.append(amqp).append("settings.batch-size=").append(System.getProperty("openwd.bench.amqp-batch-size", "100")).append('\n');
		props.append(amqp).append("settings.receive-timeout=").append(System.getProperty("openwd.bench.amqp-receive-timeout", "PT0.02S")).append('\n');
		for (String field : List.of("externalId", "type", "title", "customerId", "businessValue")) {
			props.append(amqp).append("mapping.").append(field).append("=/").append(field).append('\n');
		}
		Files.writeString(users, props);
		int port = freePort();
		int amqpPort = freePort();
		List<String> command = javaCommand(heap, jar);
		command.addAll(List.of("--server.port=" + port,
				"--openwd.data-dir=" + dataDir.toAbsolutePath(), "--openwd.amqp.embedded.port=" + amqpPort, "--openwd.demo.data=false",
				"--spring.config.additional-location=file:" + users.toAbsolutePath()));
		command.addAll(extraArgs);
		Path log = dataDir.resolve("platform.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		PlatformProcess platform = new PlatformProcess(process, log, "http://127.0.0.1:" + port,
				"amqp://openwd:openwd-embedded@127.0.0.1:" + amqpPort);
		try {
			// a loaded machine (other builds on the same cores) may need longer: -Dopenwd.bench.start-timeout=PT10M
			platform.awaitHealthy(Duration.parse(System.getProperty("openwd.bench.start-timeout", "PT4M")));
		}
		catch (RuntimeException | IOException | InterruptedException notStarted) {
			// never leave a half-started platform behind
			platform.close();
			throw notStarted;
		}
		return platform;
	}

	/**
	 * {@code java -Xmx<heap> [jvm args] -jar <jar>}; the JVM arguments come from the system property
	 * {@code openwd.bench.platform-jvm-args} (space-separated), e.g.
	 * {@code -Dopenwd.bench.platform-jvm-args=-XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile,dumponexit=true}.
	 */
	public static List<String> javaCommand(String heap, Path jar) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap));
		String jvmArgs = System.getProperty("openwd.bench.platform-jvm-args", "").trim();
		if (!jvmArgs.isEmpty()) {
			command.addAll(List.of(jvmArgs.split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
		return command;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		awaitHealthy(process, log, url, timeout);
	}

	/** Polls {@code /actuator/health} of a started platform until it answers 200; fails with its log's tail if it exits. */
	public static void awaitHealthy(Process process, Path log, String url, Duration timeout)
			throws IOException, InterruptedException {
		Http http = new Http(url);
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the platform exited with " + process.exitValue() + ":\n" + tail(log, 80));
			}
			try {
				if (http.get(null, "/actuator/health").status() == 200) {
					return;
				}
			}
			catch (IllegalStateException notYet) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		throw new IllegalStateException("the platform did not become healthy within " + timeout + ":\n" + tail(log, 80));
	}

	/** CPU time the platform process has used so far, all threads. */
	public long cpuMillis() {
		return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
	}

	/**
	 * Waits until the platform is idle (below 10% of one core for 3 s in a row, at most {@code max}): the work a
	 * workload set off (escalation starts, counters, relays) is done, so the CPU used up to now is all of its cost.
	 */
	public void awaitQuiet(Duration max) throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		int quietSeconds = 0;
		long last = cpuMillis();
		while (quietSeconds < 3 && System.nanoTime() < deadline) {
			TimeUnit.SECONDS.sleep(1);
			long now = cpuMillis();
			quietSeconds = now - last < 100 ? quietSeconds + 1 : 0;
			last = now;
		}
	}

	public long pid() {
		return process.pid();
	}

	public String tail(int lines) throws IOException {
		return tail(log, lines);
	}

	/** The last lines of a platform log. */
	public static String tail(Path log, int lines) throws IOException {
		List<String> all = Files.readAllLines(log);
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
