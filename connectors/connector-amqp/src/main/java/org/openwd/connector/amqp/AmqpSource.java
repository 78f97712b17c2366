package org.openwd.connector.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureOutcome;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
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
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;

/**
 * Captures work from one AMQP queue. Each consumer takes up to {@link AmqpSourceSettings#batchSize()} messages at a
 * time (Spring AMQP's consumer batching; a batch is handed over when full or when no message arrived for
 * {@link AmqpSourceSettings#receiveTimeout()}). Each message is mapped by configuration ({@link ItemMapping}, JSON or
 * XML); consecutive new items go to {@link CaptureSink#captureAll} in one call, the platform's one transaction, and
 * updates, cancels and completions to their single methods in between, in message order. A message is acknowledged
 * (manual ack, one multiple ack for a batch that is all done) only after its sink call returned, i.e. after the
 * capture committed. A message the sink fails retryably is requeued after a backoff; a message that cannot be mapped, or that
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
		listener.setConsumerBatchEnabled(true);
		listener.setBatchSize(this.settings.batchSize());
		listener.setReceiveTimeout(this.settings.receiveTimeout().toMillis());
		listener.setMessageListener(new ChannelAwareBatchMessageListener() {

			@Override
			public void onMessageBatch(List<Message> messages, Channel channel) {
				try {
					onBatch(sink, messages, channel);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}

		});
		listener.afterPropertiesSet();
		this.container = listener;
		listener.start();
	}

	/** How a message of a batch is settled with the broker once the batch is done. */
	private enum Settlement {

		/** Done with: captured, changed, or dead-lettered. */
		ACK,

		/** Not done: the broker delivers it again. */
		REQUEUE

	}

	/**
	 * Handles one batch of messages from one consumer, in their order: maps each, hands consecutive new items to
	 * {@link CaptureSink#captureAll} as one call (one transaction) and every other command to its single method, and
	 * settles the messages only after their sink calls returned. The first retryable failure (of a whole call, or of one
	 * item after in-place retries) requeues that message and every later one of the batch, so nothing overtakes it.
	 */
	private void onBatch(CaptureSink sink, List<Message> messages, Channel channel) throws IOException {
		Settlement[] settlements = new Settlement[messages.size()];
		this.deliveryLock.readLock().lock();
		try {
			if (this.closed) {
				// closing: leave them unacknowledged, the broker delivers them again to the next instance
				return;
			}
			Instant now = this.clock.instant();
			this.lastActivity = now;
			java.util.Date sent = messages.get(messages.size() - 1).getMessageProperties().getTimestamp();
			if (sent != null) {
				Duration behind = Duration.between(sent.toInstant(), now);
				this.lag = behind.isNegative() ? Duration.ZERO : behind;
			}
			new Batch(sink, messages, channel, settlements).run();
		}
		catch (RuntimeException ex) {
			// a sink that fails in an unexpected way is treated as a passing failure (CaptureException's contract)
			this.lastError.set(String.valueOf(ex.getMessage()));
		}
		finally {
			try {
				settle(channel, messages, settlements);
			}
			finally {
				this.deliveryLock.readLock().unlock();
			}
		}
	}

	/** One batch in progress: the pending run of captures and each message's settlement. */
	private final class Batch {

		private final CaptureSink sink;

		private final List<Message> messages;

		private final Channel channel;

		private final Settlement[] settlements;

		private final List<Integer> run = new ArrayList<>();

		private final List<SourceCommand.Capture> captures = new ArrayList<>();

		Batch(CaptureSink sink, List<Message> messages, Channel channel, Settlement[] settlements) {
			this.sink = sink;
			this.messages = messages;
			this.channel = channel;
			this.settlements = settlements;
		}

		void run() throws IOException {
			for (int i = 0; i < this.messages.size(); i++) {
				Message message = this.messages.get(i);
				SourceCommand command;
				try {
					command = AmqpSource.this.mapping.map(parse(message));
				}
				catch (MappingException ex) {
					if (!malformed(i, message, ex)) {
						return;
					}
					continue;
				}
				if (command instanceof SourceCommand.Capture capture) {
					this.run.add(i);
					this.captures.add(capture);
					continue;
				}
				if (!flush() || !single(i, command)) {
					return;
				}
			}
			flush();
		}

		private boolean malformed(int i, Message message, MappingException ex) throws IOException {
			try {
				this.sink.reportMalformed(new MalformedInput(AmqpSource.this.mapping.sourceSystem(), location(message),
						ex.getMessage(), new String(message.getBody(), StandardCharsets.UTF_8)));
			}
			catch (CaptureException reportFailed) {
				AmqpSource.this.lastError.set(reportFailed.getMessage());
				return false;
			}
			deadLetter(this.channel, message, ex.getMessage());
			this.settlements[i] = Settlement.ACK;
			failed(ex.getMessage());
			return true;
		}

		/** Delivers an update, cancel or completion; false if it failed retryably (stop the batch). */
		private boolean single(int i, SourceCommand command) throws IOException {
			if (AmqpSource.this.closed) {
				return false;
			}
			try {
				String outcome = retrying(() -> command.deliver(this.sink));
				done(i, command.externalId(), outcome);
				return true;
			}
			catch (CaptureException ex) {
				return failure(i, ex);
			}
		}

		/** Captures the pending run in one call; false if it failed retryably (stop the batch). */
		private boolean flush() throws IOException {
			if (this.run.isEmpty()) {
				return true;
			}
			if (AmqpSource.this.closed) {
				return false;
			}
			List<CapturedItem> items = this.captures.stream().map(SourceCommand.Capture::item).toList();
			List<CaptureOutcome> outcomes;
			try {
				outcomes = retrying(() -> this.sink.captureAll(items));
			}
			catch (CaptureException ex) {
				if (ex.retryable()) {
					AmqpSource.this.lastError.set(ex.getMessage());
					return false;
				}
				// not in the SPI (rejections are per item), so the sink could not say which item: ask item by item
				outcomes = items.stream().map(this::captureOne).toList();
			}
			for (int k = 0; k < this.run.size(); k++) {
				int i = this.run.get(k);
				SourceCommand.Capture capture = this.captures.get(k);
				CaptureOutcome outcome = outcomes.get(k);
				if (!outcome.isCaptured()) {
					if (!failure(i, outcome.failure())) {
						return false;
					}
					continue;
				}
				if (outcome.result().created()) {
					done(i, capture.externalId(), "captured");
				}
				else if (capture.update() == null || !capture.update().hasChanges()) {
					done(i, capture.externalId(), "captured before");
				}
				else {
					// an upsert: the key was captured before, so its new content travels as an update
					try {
						String result = retrying(() -> this.sink.update(capture.update()).outcome().toString());
						done(i, capture.externalId(), "captured before, updated: " + result);
					}
					catch (CaptureException ex) {
						if (!failure(i, ex)) {
							return false;
						}
					}
				}
			}
			this.run.clear();
			this.captures.clear();
			return true;
		}

		private CaptureOutcome captureOne(CapturedItem item) {
			try {
				return CaptureOutcome.captured(this.sink.capture(item));
			}
			catch (CaptureException ex) {
				return CaptureOutcome.failed(ex);
			}
		}

		private void done(int i, String externalId, String outcome) {
			if (log.isDebugEnabled()) {
				log.debug("Connector " + AmqpSource.this.name + ": " + externalId + " " + outcome);
			}
			this.settlements[i] = Settlement.ACK;
			AmqpSource.this.captured.incrementAndGet();
		}

		/** Dead-letters a rejected message (true: go on) or leaves a retryable one for requeueing (false: stop). */
		private boolean failure(int i, CaptureException ex) throws IOException {
			if (ex.retryable()) {
				AmqpSource.this.lastError.set(ex.getMessage());
				return false;
			}
			deadLetter(this.channel, this.messages.get(i), "rejected: " + ex.getMessage());
			this.settlements[i] = Settlement.ACK;
			failed(ex.getMessage());
			return true;
		}

	}

	/**
	 * Acknowledges what is done (one multiple ack if it is all of the batch) and requeues the rest after the retry
	 * backoff. While closing, the rest stays unacknowledged: the broker delivers it again when the channel closes.
	 */
	private void settle(Channel channel, List<Message> messages, Settlement[] settlements) throws IOException {
		long requeue = java.util.Arrays.stream(settlements).filter(settlement -> settlement != Settlement.ACK).count();
		if (requeue == 0) {
			channel.basicAck(messages.get(messages.size() - 1).getMessageProperties().getDeliveryTag(), true);
			return;
		}
		if (!this.closed) {
			log.warn("Connector " + this.name + ": capture failed, " + requeue + " message(s) requeued: "
					+ this.lastError.get());
			try {
				Thread.sleep(this.settings.retryBackoff().toMillis());
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		for (int i = 0; i < messages.size(); i++) {
			long tag = messages.get(i).getMessageProperties().getDeliveryTag();
			if (settlements[i] == Settlement.ACK) {
				channel.basicAck(tag, false);
			}
			else {
				channel.basicNack(tag, false, true);
			}
		}
	}

	/**
	 * Retries a retryable failure in place a few times before giving the messages back: a requeued message goes behind
	 * the ones prefetched after it, and an item's later change could overtake it.
	 */
	private <T> T retrying(java.util.function.Supplier<T> call) {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
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
