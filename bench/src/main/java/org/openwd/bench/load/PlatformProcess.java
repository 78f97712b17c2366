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

	private final Process process;

	private final Path log;

	public final String url;

	private PlatformProcess(Process process, Path log, String url) {
		this.process = process;
		this.log = log;
		this.url = url;
	}

	public static PlatformProcess start(Path jar, Path dataDir, int employees, String heap, List<String> extraArgs)
			throws IOException, InterruptedException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("platform jar not found: " + jar + " (build it with mvn -DskipTests package)");
		}
		Files.createDirectories(dataDir);
		Path users = dataDir.resolve("bench-users.properties");
		StringBuilder props = new StringBuilder();
		for (int i = 0; i < employees; i++) {
			props.append("openwd.security.users[").append(i).append("].username=").append(LoadGenerator.agent(i)).append('\n');
			props.append("openwd.security.users[").append(i).append("].password={noop}").append(LoadGenerator.agent(i)).append('\n');
			props.append("openwd.security.users[").append(i).append("].roles=AGENT\n");
		}
		Files.writeString(users, props);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap, "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
				"--openwd.data-dir=" + dataDir.toAbsolutePath(), "--openwd.amqp.embedded.port=0", "--openwd.demo.data=false",
				"--spring.config.additional-location=file:" + users.toAbsolutePath()));
		command.addAll(extraArgs);
		Path log = dataDir.resolve("platform.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		PlatformProcess platform = new PlatformProcess(process, log, "http://127.0.0.1:" + port);
		try {
			// a loaded machine (other builds on the same cores) may need longer: -Dopenwd.bench.start-timeout=PT10M
			platform.awaitHealthy(Duration.parse(System.getProperty("openwd.bench.start-timeout", "PT4M")));
		}
		catch (RuntimeException | InterruptedException ex) {
			process.destroyForcibly();
			throw ex;
		}
		return platform;
	}

	void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		Http http = new Http(url);
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the platform exited with " + process.exitValue() + ":\n" + tail(80));
			}
			try {
				if (http.get(null, "/actuator/health").status() == 200) {
					return;
				}
			}
			catch (IllegalStateException notYet) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
		throw new IllegalStateException("the platform did not become healthy within " + timeout + ":\n" + tail(80));
	}

	public long pid() {
		return process.pid();
	}

	public String tail(int lines) throws IOException {
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
