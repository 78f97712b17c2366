package org.openwd.connector.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.MalformedInput;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.mapping.JsonRecord;
import org.openwd.connector.mapping.MappingException;
import org.openwd.connector.mapping.SourceCommand;
import org.openwd.connector.mapping.SourceRecord;
import org.openwd.connector.mapping.XmlRecord;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Captures work from one AMQP queue. Each message is mapped by configuration ({@link ItemMapping}, JSON or XML) and
 * delivered to the sink; the message is acknowledged (manual ack) only after the sink returned, i.e. after the capture
 * committed. A message the sink fails retryably is requeued after a backoff; a message that cannot be mapped, or that
 * the platform rejects, is copied to the dead-letter queue with the reason in the headers {@value #REASON_HEADER},
 * {@value #SOURCE_HEADER}, {@value #QUEUE_HEADER} and {@value #FAILED_AT_HEADER}, then acknowledged.
 * Spring AMQP's {@link SimpleMessageListenerContainer} runs the consumers and reconnects after broker outages.
 */
public final class AmqpSource implements ConnectorSource {

	public static final String REASON_HEADER = "x-openwd-reason";

	public static final String SOURCE_HEADER = "x-openwd-source";

	public static final String QUEUE_HEADER = "x-openwd-original-queue";

	public static final String FAILED_AT_HEADER = "x-openwd-failed-at";

	private static final org.apache.commons.logging.Log log = org.apache.commons.logging.LogFactory.getLog(AmqpSource.class);

	private final String name;

	private final ConnectionFactory connectionFactory;

	private final AmqpSourceSettings settings;

	private final ItemMapping mapping;

	private final Clock clock;

	private final ReentrantReadWriteLock deliveryLock = new ReentrantReadWriteLock();

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private volatile Instant lastActivity;

	private volatile Duration lag;

	private volatile boolean used;

	private volatile boolean closed;

	private SimpleMessageListenerContainer container;

	public AmqpSource(String name, ConnectionFactory connectionFactory, AmqpSourceSettings settings, ItemMapping mapping,
			Clock clock) {
		this.name = name;
		this.connectionFactory = connectionFactory;
		this.settings = settings;
		this.mapping = mapping;
		this.clock = clock;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public synchronized void start(CaptureSink sink) {
		if (this.used) {
			throw new IllegalStateException(this.name + " was started or closed before");
		}
		this.used = true;
		if (this.settings.declare()) {
			RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
			admin.declareQueue(new Queue(this.settings.queue(), true));
			admin.declareQueue(new Queue(this.settings.deadLetterQueue(), true));
		}
		SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(this.connectionFactory);
		listener.setQueueNames(this.settings.queue());
		listener.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		listener.setPrefetchCount(this.settings.prefetch());
		listener.setConcurrentConsumers(this.settings.concurrency());
		listener.setDefaultRequeueRejected(true);
		listener.setMissingQueuesFatal(false);
		listener.setBeanName("openwd-connector-" + this.name);
		listener.setMessageListener((ChannelAwareMessageListener) (message, channel) -> onMessage(sink, message, channel));
		listener.afterPropertiesSet();
		this.container = listener;
		listener.start();
	}

	private void onMessage(CaptureSink sink, Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		this.deliveryLock.readLock().lock();
		try {
			if (this.closed) {
				// closing: leave it unacknowledged, the broker delivers it again to the next instance
				channel.basicNack(tag, false, true);
				return;
			}
			Instant now = this.clock.instant();
			this.lastActivity = now;
			if (message.getMessageProperties().getTimestamp() != null) {
				Duration behind = Duration.between(message.getMessageProperties().getTimestamp().toInstant(), now);
				this.lag = behind.isNegative() ? Duration.ZERO : behind;
			}
			SourceCommand command;
			try {
				command = this.mapping.map(parse(message));
			}
			catch (MappingException ex) {
				sink.reportMalformed(new MalformedInput(this.mapping.sourceSystem(), location(message), ex.getMessage(),
						new String(message.getBody(), StandardCharsets.UTF_8)));
				deadLetter(channel, message, ex.getMessage());
				channel.basicAck(tag, false);
				failed(ex.getMessage());
				return;
			}
			String outcome = deliverInOrder(sink, command);
			if (log.isDebugEnabled()) {
				log.debug("Connector " + this.name + ": " + command.externalId() + " " + outcome);
			}
			channel.basicAck(tag, false);
			this.captured.incrementAndGet();
		}
		catch (CaptureException ex) {
			if (ex.retryable()) {
				retryLater(channel, tag, ex.getMessage());
			}
			else {
				deadLetter(channel, message, "rejected: " + ex.getMessage());
				channel.basicAck(tag, false);
				failed(ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			// a sink that fails in an unexpected way is treated as a passing failure (CaptureException's contract)
			retryLater(channel, tag, String.valueOf(ex.getMessage()));
		}
		finally {
			this.deliveryLock.readLock().unlock();
		}
	}

	/**
	 * Retries a retryable failure in place a few times before giving the message back: a requeued message goes behind
	 * the ones prefetched after it, and an item's later change could overtake it.
	 */
	private String deliverInOrder(CaptureSink sink, SourceCommand command) {
		for (int attempt = 1;; attempt++) {
			try {
				return command.deliver(sink);
			}
			catch (CaptureException ex) {
				if (!ex.retryable() || attempt >= 3 || this.closed) {
					throw ex;
				}
				this.lastError.set(ex.getMessage());
				pause(this.settings.retryBackoff().multipliedBy(attempt));
			}
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw CaptureException.temporaryFailure("interrupted while waiting to retry", interrupted);
		}
	}

	private void retryLater(Channel channel, long tag, String error) throws IOException {
		this.lastError.set(error);
		log.warn("Connector " + this.name + ": capture failed, message requeued: " + error);
		try {
			Thread.sleep(this.settings.retryBackoff().toMillis());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		channel.basicNack(tag, false, true);
	}

	private void failed(String error) {
		this.failed.incrementAndGet();
		this.lastError.set(error);
	}

	private SourceRecord parse(Message message) {
		byte[] body = message.getBody();
		return isXml(message) ? XmlRecord.parse(body) : JsonRecord.parse(body);
	}

	private boolean isXml(Message message) {
		if (!this.settings.format().equals("auto")) {
			return this.settings.format().equals("xml");
		}
		String contentType = message.getMessageProperties().getContentType();
		if (contentType != null && !contentType.equals(MessageProperties.DEFAULT_CONTENT_TYPE)) {
			return contentType.toLowerCase(Locale.ROOT).contains("xml");
		}
		for (byte b : message.getBody()) {
			if (!Character.isWhitespace(b)) {
				return b == '<';
			}
		}
		return false;
	}

	private String location(Message message) {
		MessageProperties properties = message.getMessageProperties();
		String id = properties.getMessageId() != null ? "message-id " + properties.getMessageId()
				: "delivery " + properties.getDeliveryTag() + (Boolean.TRUE.equals(properties.isRedelivered()) ? " (redelivered)" : "");
		return "queue " + this.settings.queue() + ", " + id;
	}

	/** Copies the message to the dead-letter queue on the consumer's channel, before the ack on the same channel. */
	private void deadLetter(Channel channel, Message message, String reason) throws IOException {
		MessageProperties properties = message.getMessageProperties();
		Map<String, Object> headers = new HashMap<>(properties.getHeaders());
		headers.put(REASON_HEADER, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
		headers.put(SOURCE_HEADER, this.name);
		headers.put(QUEUE_HEADER, this.settings.queue());
		headers.put(FAILED_AT_HEADER, this.clock.instant().toString());
		AMQP.BasicProperties copy = new AMQP.BasicProperties.Builder().contentType(properties.getContentType())
			.contentEncoding(properties.getContentEncoding())
			.messageId(properties.getMessageId())
			.correlationId(properties.getCorrelationId())
			.timestamp(properties.getTimestamp())
			.deliveryMode(2)
			.headers(headers)
			.build();
		channel.basicPublish("", this.settings.deadLetterQueue(), copy, message.getBody());
	}

	/** Stops consuming: waits for the message in progress, then stops the consumers; unacked messages go back. */
	@Override
	public void close() {
		SimpleMessageListenerContainer listener;
		synchronized (this) {
			this.used = true;
			if (this.closed) {
				return;
			}
			this.closed = true;
			listener = this.container;
		}
		this.deliveryLock.writeLock().lock();
		this.deliveryLock.writeLock().unlock();
		if (listener != null) {
			listener.stop();
			listener.destroy();
		}
	}

	@Override
	public ConnectorHealth health() {
		SimpleMessageListenerContainer listener = this.container;
		ConnectorHealth.Status status;
		if (this.closed || listener == null) {
			status = ConnectorHealth.Status.DOWN;
		}
		else {
			status = listener.isRunning() && listener.getActiveConsumerCount() > 0 ? ConnectorHealth.Status.UP
					: ConnectorHealth.Status.DOWN;
		}
		return new ConnectorHealth(status, this.captured.get(), this.failed.get(), this.lastError.get(), this.lastActivity,
				this.lag);
	}

}
