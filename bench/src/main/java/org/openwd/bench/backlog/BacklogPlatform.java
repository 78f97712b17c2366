package org.openwd.bench.backlog;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openwd.bench.load.LoadGenerator;
import org.openwd.bench.load.PlatformProcess;

/**
 * The platform JVM of a backlog run, started like the load harness's {@code PlatformProcess} (a free port, the bench
 * agents as {@code {noop}} users, the embedded default unless the arguments say otherwise) but with a start timeout
 * that suits a restart over a large backlog on a busy machine, and stopped again when it does not come up in time.
 */
final class BacklogPlatform implements AutoCloseable {

	private final Process process;

	final Path log;

	final String url;

	private BacklogPlatform(Process process, Path log, String url) {
		this.process = process;
		this.log = log;
		this.url = url;
	}

	static BacklogPlatform start(Path jar, Path dataDir, int employees, String heap, List<String> extraArgs, Duration timeout)
			throws IOException, InterruptedException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("platform jar not found: " + jar + " (build it with mvn -DskipTests package)");
		}
		Files.createDirectories(dataDir);
		Path users = dataDir.resolve("bench-users.properties");
		StringBuilder props = new StringBuilder();
		for (int i = 0; i < employees; i++) {
			String agent = LoadGenerator.agent(i);
			props.append("openwd.security.users[").append(i).append("].username=").append(agent).append('\n');
			props.append("openwd.security.users[").append(i).append("].password={noop}").append(agent).append('\n');
			props.append("openwd.security.users[").append(i).append("].roles=AGENT\n");
		}
		Files.writeString(users, props);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = PlatformProcess.javaCommand(heap, jar);
		command.addAll(List.of("--server.port=" + port,
				"--openwd.data-dir=" + dataDir.toAbsolutePath(), "--openwd.amqp.embedded.port=0", "--openwd.demo.data=false",
				"--spring.config.additional-location=file:" + users.toAbsolutePath()));
		command.addAll(extraArgs);
		Path log = dataDir.resolve("platform.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		BacklogPlatform platform = new BacklogPlatform(process, log, "http://127.0.0.1:" + port);
		try {
			platform.awaitHealthy(timeout);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			platform.close();
			throw ex;
		}
		return platform;
	}

	private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		PlatformProcess.awaitHealthy(process, log, url, timeout);
	}

	long pid() {
		return process.pid();
	}

	String tail(int lines) throws IOException {
		return PlatformProcess.tail(log, lines);
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
