package org.openwd.messaging.internal.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.util.FileSystemUtils;

/**
 * Not a test: a throwaway measurement of the embedded broker's start time and its throughput for persistent 1 KiB
 * messages with publisher confirms (window of 100 in flight), then consumption with manual acks (prefetch 250).
 * Run: {@code java -cp <test classpath> org.openwd.messaging.internal.embedded.EmbeddedAmqpBrokerThroughputProbe
 * [messages] [durable]}.
 */
public final class EmbeddedAmqpBrokerThroughputProbe {

	private static final int WINDOW = 100;

	public static void main(String[] args) throws Exception {
		int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		boolean durable = args.length <= 1 || Boolean.parseBoolean(args[1]);
		Path workDir = Files.createTempDirectory("openwd-broker-probe");
		EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(0, "probe", "probe", workDir, durable);
		long t0 = System.nanoTime();
		broker.start();
		long startMillis = (System.nanoTime() - t0) / 1_000_000;
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(broker.host(), broker.port());
		connectionFactory.setUsername("probe");
		connectionFactory.setPassword("probe");
		connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		try {
			String queue = "probe." + UUID.randomUUID();
			new RabbitAdmin(connectionFactory).declareQueue(new Queue(queue, true, false, false));
			RabbitTemplate template = new RabbitTemplate(connectionFactory);
			Semaphore window = new Semaphore(WINDOW);
			AtomicInteger nacks = new AtomicInteger();
			template.setConfirmCallback((correlation, ack, cause) -> {
				if (!ack) {
					nacks.incrementAndGet();
				}
				window.release();
			});
			MessageProperties properties = new MessageProperties();
			properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
			byte[] body = new byte[1024];

			publish(template, queue, window, body, properties, Math.min(2_000, messages)); // warm-up
			drain(connectionFactory, queue, Math.min(2_000, messages));

			long p0 = System.nanoTime();
			publish(template, queue, window, body, properties, messages);
			window.acquire(WINDOW);
			window.release(WINDOW);
			double publishSeconds = (System.nanoTime() - p0) / 1e9;

			long c0 = System.nanoTime();
			drain(connectionFactory, queue, messages);
			double consumeSeconds = (System.nanoTime() - c0) / 1e9;

			System.out.printf("store=%s start=%d ms messages=%d publish+confirm(window %d)=%.0f msg/s "
							+ "consume(manual ack, prefetch 250)=%.0f msg/s nacks=%d%n",
					durable ? "derby" : "memory", startMillis, messages, WINDOW, messages / publishSeconds,
					messages / consumeSeconds, nacks.get());
		} finally {
			connectionFactory.destroy();
			broker.stop();
			FileSystemUtils.deleteRecursively(workDir);
		}
	}

	private static void publish(RabbitTemplate template, String queue, Semaphore window, byte[] body,
			MessageProperties properties, int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			window.acquire();
			template.send("", queue, new Message(body, properties), new CorrelationData(Integer.toString(i)));
		}
	}

	private static void drain(CachingConnectionFactory connectionFactory, String queue, int count)
			throws InterruptedException {
		CountDownLatch received = new CountDownLatch(count);
		DirectMessageListenerContainer container = new DirectMessageListenerContainer(connectionFactory);
		container.setQueueNames(queue);
		container.setPrefetchCount(250);
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setMessagesPerAck(Integer.getInteger("probe.messagesPerAck", 1));
		container.setMessageListener(message -> received.countDown());
		container.start();
		try {
			if (!received.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException("only " + (count - received.getCount()) + " of " + count + " received");
			}
		} finally {
			container.stop();
		}
	}

	private EmbeddedAmqpBrokerThroughputProbe() {
	}
}
