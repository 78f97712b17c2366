package org.openwd.connector;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.testing.ItEnvironment;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill-and-restart: the platform runs as a child JVM with an AMQP connector on a real RabbitMQ and MariaDB; while a
 * publisher sends persistent messages, the child is killed with SIGKILL (no graceful shutdown). At that moment every
 * message RabbitMQ counts as acknowledged must already be a task (ack only after commit). After a restart every
 * message is a task, none twice.
 */
class KillAndRestartIT {

	private static final int MESSAGES = 400;

	private final String queue = "openwd.it.crash." + UUID.randomUUID();

	private final String source = "crash-" + UUID.randomUUID().toString().substring(0, 8);

	private final Path dataDir = ItEnvironment.newDataDir();

	private Process platform;

	@AfterEach
	void stop() {
		if (this.platform != null) {
			this.platform.destroyForcibly();
		}
	}

	private Process startPlatform(int port) throws IOException {
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put("server.port", Integer.toString(port));
		extra.put("openwd.task.activation.enabled", "false");
		String prefix = "openwd.connectors.instances.crash.";
		extra.put(prefix + "type", "amqp");
		extra.put(prefix + "source-system", this.source);
		extra.put(prefix + "settings.queue", this.queue);
		extra.put(prefix + "settings.prefetch", "50");
		extra.put(prefix + "mapping.externalId", "/id");
		extra.put(prefix + "mapping.type", "=claim");
		extra.put(prefix + "mapping.title", "/title");
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx768m");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(OpenWdApplication.class.getName());
		command.addAll(List.of(ItEnvironment.arguments(2, this.dataDir, extra)));
		Path log = Path.of("target", "kill-and-restart-" + port + ".log");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HttpClient http = HttpClient.newHttpClient();
		// generous: on a loaded 2-core machine a start has taken 160 s
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("the platform exited with " + process.exitValue() + ", see " + log);
			}
			try {
				return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return process;
	}

	private long[] countTasks() throws SQLException {
		try (Connection connection = DriverManager.getConnection(System.getProperty("openwd.it.mariadb.url2"),
				System.getProperty("openwd.it.mariadb.username"), System.getProperty("openwd.it.mariadb.password"));
				PreparedStatement statement = connection.prepareStatement(
						"SELECT COUNT(*), COUNT(DISTINCT external_id) FROM owd_task WHERE source_system = ?")) {
			statement.setString(1, this.source);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new long[] { rs.getLong(1), rs.getLong(2) };
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	void everyAcknowledgedMessageIsATaskAfterAKillAndNoneIsCapturedTwice() throws Exception {
		ItEnvironment.requireServers();
		Assumptions.assumeTrue(ItEnvironment.mariadb(), "needs a RabbitMQ that outlives the platform (MariaDB run)");
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(System.getProperty("openwd.it.rabbit.host"),
				Integer.parseInt(System.getProperty("openwd.it.rabbit.port")));
		connectionFactory.setUsername(System.getProperty("openwd.it.rabbit.username"));
		connectionFactory.setPassword(System.getProperty("openwd.it.rabbit.password"));
		connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);
		admin.declareQueue(new Queue(this.queue, true));
		admin.declareQueue(new Queue(this.queue + ".dlq", true));
		RabbitTemplate rabbit = new RabbitTemplate(connectionFactory);
		try {
			this.platform = startPlatform(freePort());

			AtomicInteger published = new AtomicInteger();
			Thread publisher = new Thread(() -> {
				for (int i = 0; i < MESSAGES; i++) {
					String body = "{\"id\":\"M-" + i + "\",\"title\":\"message " + i + "\"}";
					CorrelationData confirm = new CorrelationData("M-" + i);
					rabbit.send("", this.queue, MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
						.setContentType("application/json")
						.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
						.build(), confirm);
					try {
						if (!confirm.getFuture().get(10, TimeUnit.SECONDS).isAck()) {
							throw new IllegalStateException("not confirmed: M-" + i);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					published.incrementAndGet();
				}
			}, "publisher");
			publisher.start();

			await().atMost(Duration.ofMinutes(2)).until(() -> countTasks()[0] >= MESSAGES / 4);
			this.platform.destroyForcibly();
			assertThat(this.platform.waitFor(30, TimeUnit.SECONDS)).isTrue();
			int publishedAtKill = published.get();
			publisher.join(TimeUnit.MINUTES.toMillis(2));
			assertThat(published.get()).isEqualTo(MESSAGES);

			// the broker requeues what the dead consumer had not acknowledged: all that left the queue was acked
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.getQueueInfo(this.queue).getConsumerCount() == 0);
			long acknowledged = MESSAGES - admin.getQueueInfo(this.queue).getMessageCount();
			long[] tasksAtKill = countTasks();
			assertThat(tasksAtKill[0]).as("tasks committed when the platform died (acked: %d, published then: %d)",
					acknowledged, publishedAtKill).isGreaterThanOrEqualTo(acknowledged);
			assertThat(acknowledged).as("the kill happened while messages were still waiting").isLessThan(MESSAGES);

			this.platform = startPlatform(freePort());
			await().atMost(Duration.ofMinutes(3)).until(() -> countTasks()[0] >= MESSAGES);
			await().atMost(Duration.ofSeconds(30)).until(() -> admin.getQueueInfo(this.queue).getMessageCount() == 0);

			long[] tasks = countTasks();
			assertThat(tasks[0]).as("tasks").isEqualTo(MESSAGES);
			assertThat(tasks[1]).as("distinct external ids").isEqualTo(MESSAGES);
			assertThat(admin.getQueueInfo(this.queue + ".dlq").getMessageCount()).isZero();
		}
		finally {
			admin.deleteQueue(this.queue);
			admin.deleteQueue(this.queue + ".dlq");
			connectionFactory.destroy();
		}
	}

}
