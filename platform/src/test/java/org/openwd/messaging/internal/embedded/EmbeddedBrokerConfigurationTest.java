package org.openwd.messaging.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedBrokerConfigurationTest {

	@TempDir
	Path dataDir;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
			.withUserConfiguration(EmbeddedBrokerConfiguration.class);

	@Test
	void pointsTheAutoConfiguredRabbitTemplateAtTheEmbeddedBrokerAndStopsItWithTheContext() {
		AtomicReference<EmbeddedAmqpBroker> brokerSeen = new AtomicReference<>();
		AtomicInteger portSeen = new AtomicInteger();

		contextRunner
				.withPropertyValues("openwd.amqp.embedded.enabled=true", "openwd.amqp.embedded.port=0",
						"openwd.data-dir=" + dataDir)
				.run(context -> {
					assertThat(context).hasNotFailed();
					EmbeddedAmqpBroker broker = context.getBean(EmbeddedAmqpBroker.class);
					brokerSeen.set(broker);
					portSeen.set(broker.port());
					assertThat(broker.isRunning()).isTrue();
					assertThat(broker.workDir()).isEqualTo(dataDir.resolve("broker").toAbsolutePath());

					CachingConnectionFactory connectionFactory =
							(CachingConnectionFactory) context.getBean(ConnectionFactory.class);
					assertThat(connectionFactory.getHost()).isEqualTo("127.0.0.1");
					assertThat(connectionFactory.getPort()).isEqualTo(broker.port());
					assertThat(connectionFactory.getVirtualHost()).isEqualTo("/");
					assertThat(connectionFactory.getUsername()).isEqualTo("openwd");

					String queue = "openwd.test." + UUID.randomUUID();
					context.getBean(AmqpAdmin.class).declareQueue(new Queue(queue, true, false, false));
					RabbitTemplate template = context.getBean(RabbitTemplate.class);
					template.convertAndSend("", queue, "through the auto-configured template");

					assertThat(template.receiveAndConvert(queue, 5_000)).isEqualTo("through the auto-configured template");
				});

		assertThat(brokerSeen.get().isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> portIsFree(portSeen.get()));
	}

	@Test
	void usesTheConfiguredCredentialsAndWorkDirectory() {
		Path workDir = dataDir.resolve("custom-broker");

		contextRunner
				.withPropertyValues("openwd.amqp.embedded.enabled=true", "openwd.amqp.embedded.port=0",
						"openwd.amqp.embedded.username=alice", "openwd.amqp.embedded.password=wonderland",
						"openwd.amqp.embedded.work-dir=" + workDir, "openwd.amqp.embedded.durable=false")
				.run(context -> {
					EmbeddedAmqpBroker broker = context.getBean(EmbeddedAmqpBroker.class);
					assertThat(broker.workDir()).isEqualTo(workDir.toAbsolutePath());
					assertThat(broker.durable()).isFalse();
					RabbitConnectionDetails details = context.getBean(RabbitConnectionDetails.class);
					assertThat(details.getUsername()).isEqualTo("alice");
					assertThat(details.getPassword()).isEqualTo("wonderland");

					RabbitTemplate template = context.getBean(RabbitTemplate.class);
					Boolean open = template.execute(channel -> channel.getConnection().isOpen());
					assertThat(open).isTrue();
				});
	}

	@Test
	void startsNoBrokerUnlessEnabled() {
		contextRunner
				.withPropertyValues("openwd.data-dir=" + dataDir)
				.run(context -> {
					assertThat(context).doesNotHaveBean(EmbeddedAmqpBroker.class);
					assertThat(context.getBean(RabbitConnectionDetails.class).getFirstAddress().port())
							.isEqualTo(5672);
				});
	}

	private static boolean portIsFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		} catch (IOException e) {
			return false;
		}
	}
}
