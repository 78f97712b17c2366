package org.openwd.messaging.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

class EmbeddedAmqpBrokerTest {

	private static final String USER = "openwd-test";
	private static final String PASSWORD = "s3cret-" + UUID.randomUUID();

	@TempDir
	Path dataDir;

	private final List<EmbeddedAmqpBroker> brokers = new ArrayList<>();
	private final List<CachingConnectionFactory> connectionFactories = new ArrayList<>();

	@AfterEach
	void stopEverything() {
		connectionFactories.forEach(CachingConnectionFactory::destroy);
		brokers.forEach(EmbeddedAmqpBroker::stop);
	}

	@Test
	void deliversAPersistentMessageThroughTheEmbeddedBrokerWithSpringAmqp() {
		EmbeddedAmqpBroker broker = start(dataDir.resolve("broker"));
		CachingConnectionFactory connectionFactory = connectionFactory(broker, PASSWORD);
		String queue = declareDurableQueue(connectionFactory);
		RabbitTemplate template = new RabbitTemplate(connectionFactory);

		template.send("", queue, persistentMessage("hello embedded broker"));

		Message received = template.receive(queue, 5_000);
		assertThat(received).isNotNull();
		assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello embedded broker");
		assertThat(received.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
	}

	@Test
	void supportsPublisherConfirms() throws Exception {
		EmbeddedAmqpBroker broker = start(dataDir.resolve("broker"));
		CachingConnectionFactory connectionFactory = connectionFactory(broker, PASSWORD);
		connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		String queue = declareDurableQueue(connectionFactory);
		RabbitTemplate template = new RabbitTemplate(connectionFactory);
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());

		template.send("", queue, persistentMessage("confirm me"), correlation);

		CorrelationData.Confirm confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
		assertThat(confirm.isAck()).isTrue();
		assertThat(template.receive(queue, 5_000)).isNotNull();
	}

	@Test
	void refusesConnectionsWithAWrongPassword() {
		EmbeddedAmqpBroker broker = start(dataDir.resolve("broker"));
		CachingConnectionFactory connectionFactory = connectionFactory(broker, "not-the-password");

		assertThatThrownBy(connectionFactory::createConnection).isInstanceOf(AmqpAuthenticationException.class);
	}

	@Test
	void keepsDurableMessagesAcrossABrokerRestart() {
		Path workDir = dataDir.resolve("broker");
		EmbeddedAmqpBroker first = start(workDir);
		CachingConnectionFactory firstConnection = connectionFactory(first, PASSWORD);
		String queue = declareDurableQueue(firstConnection);
		new RabbitTemplate(firstConnection).send("", queue, persistentMessage("survives a restart"));
		firstConnection.destroy();
		first.stop();

		EmbeddedAmqpBroker second = start(workDir);
		RabbitTemplate template = new RabbitTemplate(connectionFactory(second, PASSWORD));

		Message received = template.receive(queue, 5_000);
		assertThat(received).isNotNull();
		assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("survives a restart");
	}

	@Test
	void listensOnTheLoopbackInterfaceOnAFreePortWhenAskedForPortZero() {
		EmbeddedAmqpBroker one = start(dataDir.resolve("one"));
		EmbeddedAmqpBroker two = start(dataDir.resolve("two"));

		assertThat(one.port()).isPositive().isNotEqualTo(two.port());
		assertThat(one.host()).isEqualTo("127.0.0.1");
	}

	@Test
	void refusesToStartASecondBrokerOnTheSameWorkDirectory() {
		Path workDir = dataDir.resolve("broker");
		start(workDir);
		EmbeddedAmqpBroker intruder = new EmbeddedAmqpBroker(0, USER, PASSWORD, workDir, true);

		assertThatThrownBy(intruder::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("lock");
		assertThat(intruder.isRunning()).isFalse();
	}

	@Test
	void failsToStartWhenItsPortIsTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(taken.getLocalPort(), USER, PASSWORD,
					dataDir.resolve("broker"), true);
			brokers.add(broker);

			assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("AMQP port");
			assertThat(broker.isRunning()).isFalse();
		}
	}

	@Test
	void runsNonDurableBrokersSideBySideWithoutTouchingTheDisk() throws Exception {
		Path workDir = dataDir.resolve("shared");
		EmbeddedAmqpBroker one = start(workDir, false);
		EmbeddedAmqpBroker two = start(workDir, false);
		RabbitTemplate template = new RabbitTemplate(connectionFactory(two, PASSWORD));
		String queue = declareDurableQueue(connectionFactory(two, PASSWORD));

		template.send("", queue, persistentMessage("in memory"));

		assertThat(template.receive(queue, 5_000)).isNotNull();
		assertThat(one.isRunning()).isTrue();
		try (Stream<Path> files = Files.list(workDir)) {
			assertThat(files).isEmpty();
		}
	}

	private EmbeddedAmqpBroker start(Path workDir) {
		return start(workDir, true);
	}

	private EmbeddedAmqpBroker start(Path workDir, boolean durable) {
		EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(0, USER, PASSWORD, workDir, durable);
		brokers.add(broker);
		broker.start();
		return broker;
	}

	private CachingConnectionFactory connectionFactory(EmbeddedAmqpBroker broker, String password) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(broker.host(), broker.port());
		connectionFactory.setUsername(USER);
		connectionFactory.setPassword(password);
		connectionFactory.setVirtualHost("/");
		connectionFactories.add(connectionFactory);
		return connectionFactory;
	}

	private static String declareDurableQueue(CachingConnectionFactory connectionFactory) {
		String name = "openwd.test." + UUID.randomUUID();
		new RabbitAdmin(connectionFactory).declareQueue(new Queue(name, true, false, false));
		return name;
	}

	private static Message persistentMessage(String body) {
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}
}
