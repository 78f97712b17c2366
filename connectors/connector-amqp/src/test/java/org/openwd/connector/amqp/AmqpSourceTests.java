package org.openwd.connector.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.RecordingSink;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AmqpSourceTests {

	private final TestBroker broker = TestBroker.get();

	private final CachingConnectionFactory connectionFactory = this.broker.connectionFactory();

	private final RabbitTemplate rabbit = new RabbitTemplate(this.connectionFactory);

	private final String queue = "amqp-tests-" + UUID.randomUUID();

	private final RecordingSink sink = new RecordingSink();

	private AmqpSource source;

	private AmqpSource start(Map<String, String> mapping, String format) {
		return start(mapping, format, AmqpSourceSettings.DEFAULT_BATCH_SIZE);
	}

	private AmqpSource start(Map<String, String> mapping, String format, int batchSize) {
		this.source = new AmqpSource("crm-queue", this.connectionFactory,
				new AmqpSourceSettings(this.queue, null, true, format, 1, 10, Duration.ofMillis(50), batchSize, null),
				ItemMapping.of("crm", mapping), Clock.systemUTC());
		this.source.start(this.sink);
		return this.source;
	}

	/** Declares the queues and publishes, on one channel, before any consumer runs: the consumer sees one backlog. */
	private void backlog(String... json) {
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		admin.declareQueue(new org.springframework.amqp.core.Queue(this.queue, true));
		admin.declareQueue(new org.springframework.amqp.core.Queue(this.queue + ".dlq", true));
		this.rabbit.invoke(operations -> {
			for (String body : json) {
				operations.send("", this.queue, MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).build());
			}
			return null;
		});
	}

	private static final Map<String, String> BATCH_MAPPING = Map.of("externalId", "/id", "title", "/title", "dueTime",
			"/due | date:dd.MM.yyyy", "operation", "/op | default:capture");

	@Test
	void capturesABacklogInBatchesOfAtMostTheBatchSizeAndAcknowledgesEveryMessage() {
		String[] messages = new String[250];
		for (int i = 0; i < messages.length; i++) {
			messages[i] = "{\"id\":\"K-" + i + "\",\"title\":\"item " + i + "\"}";
		}
		backlog(messages);
		start(BATCH_MAPPING, "json", 100);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.sink.tasks().size() == 250);
		assertThat(this.sink.batchCalls()).as("250 messages in batches").isBetween(3, 249);
		assertThat(this.sink.largestBatch()).isEqualTo(100);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> new RabbitAdmin(this.connectionFactory).getQueueInfo(this.queue).getMessageCount() == 0);
		assertThat(this.source.health().capturedCount()).isEqualTo(250);
	}

	@Test
	void keepsAnItemsOrderWhenItsCaptureAndItsChangesShareABatch() {
		backlog("{\"id\":\"O-1\",\"title\":\"first\"}", "{\"id\":\"O-2\",\"title\":\"other\"}",
				"{\"id\":\"O-1\",\"title\":\"second\",\"op\":\"update\"}",
				"{\"id\":\"O-3\",\"title\":\"third\"}", "{\"id\":\"O-3\",\"op\":\"cancel\"}");
		start(BATCH_MAPPING, "json", 100);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.sink.task("crm", "O-3").map(task -> task.state() == RecordingSink.State.CANCELED).orElse(false));
		assertThat(this.sink.task("crm", "O-1").orElseThrow().title()).isEqualTo("second");
		assertThat(this.sink.log()).containsExactly("capture O-1", "capture O-2", "update O-1", "capture O-3", "cancel O-3");
	}

	@Test
	void deadLettersOnlyTheMalformedAndTheRejectedMessagesOfABatch() {
		this.sink.rejectCapturesOf("B-poison", "type: unknown work type");
		backlog("{\"id\":\"B-1\"}", "{\"id\":\"B-bad\",\"due\":\"soon\"}", "{\"id\":\"B-2\"}",
				"{\"id\":\"B-poison\"}", "{\"id\":\"B-3\"}", "{\"id\":\"B-1\"}");
		start(BATCH_MAPPING, "json", 100);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.tasks().size() == 3);
		Message first = this.rabbit.receive(this.queue + ".dlq", 10_000);
		Message second = this.rabbit.receive(this.queue + ".dlq", 10_000);
		assertThat((String) first.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.isEqualTo("dueTime: \"soon\" does not match dd.MM.yyyy");
		assertThat((String) second.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.isEqualTo("rejected: type: unknown work type");
		assertThat(this.sink.batchCalls()).as("B-1, B-2, B-poison, B-3 and the repeat in one call").isEqualTo(1);
		assertThat(this.sink.rejectionsOf("B-poison")).isEqualTo(1);
		assertThat(this.sink.tasks()).extracting(task -> task.item().externalId()).containsExactly("B-1", "B-2", "B-3");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> new RabbitAdmin(this.connectionFactory).getQueueInfo(this.queue).getMessageCount() == 0);
		assertThat(this.source.health().failedCount()).isEqualTo(2);
	}

	@Test
	void requeuesAWholeBatchThatFailedRetryablyAndCapturesItOnce() {
		this.sink.failNextCallWith(CaptureException.temporaryFailure("database unavailable", null));
		this.sink.failNextCallWith(CaptureException.temporaryFailure("database unavailable", null));
		this.sink.failNextCallWith(CaptureException.temporaryFailure("database unavailable", null));
		backlog("{\"id\":\"W-1\"}", "{\"id\":\"W-2\"}", "{\"id\":\"W-3\"}");
		start(BATCH_MAPPING, "json", 100);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.tasks().size() == 3);
		assertThat(this.sink.log()).filteredOn(entry -> entry.equals("capture W-1 failed: database unavailable"))
			.as("three attempts in place, then requeued and delivered again")
			.hasSize(3);
		assertThat(this.sink.log()).filteredOn(entry -> entry.equals("capture W-1")).hasSize(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> new RabbitAdmin(this.connectionFactory).getQueueInfo(this.queue).getMessageCount() == 0);
	}

	@Test
	void capturesMessageByMessageWithABatchSizeOfOne() {
		backlog("{\"id\":\"S-1\"}", "{\"id\":\"S-2\"}", "{\"id\":\"S-3\"}");
		start(BATCH_MAPPING, "json", 1);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.tasks().size() == 3);
		assertThat(this.sink.largestBatch()).isEqualTo(1);
	}

	@AfterEach
	void cleanUp() {
		if (this.source != null) {
			this.source.close();
		}
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		admin.deleteQueue(this.queue);
		admin.deleteQueue(this.queue + ".dlq");
		this.connectionFactory.destroy();
	}

	@Test
	void movesAMalformedMessageToTheDeadLetterQueueWithTheReasonInItsHeaders() {
		start(Map.of("externalId", "/id", "dueTime", "/due | date:dd.MM.yyyy"), "json");
		this.rabbit.send("", this.queue, MessageBuilder.withBody("{\"id\":\"A\",\"due\":\"soon\"}".getBytes()).build());
		this.rabbit.send("", this.queue, MessageBuilder.withBody("{\"id\":\"B\",\"due\":\"01.02.2025\"}".getBytes()).build());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.task("crm", "B").isPresent());
		Message dead = this.rabbit.receive(this.queue + ".dlq", 10_000);
		assertThat(dead).isNotNull();
		assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"A\",\"due\":\"soon\"}");
		assertThat((String) dead.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.isEqualTo("dueTime: \"soon\" does not match dd.MM.yyyy");
		assertThat((String) dead.getMessageProperties().getHeader(AmqpSource.QUEUE_HEADER)).isEqualTo(this.queue);
		assertThat(this.sink.malformed()).singleElement()
			.satisfies(input -> assertThat(input.rawExcerpt()).contains("soon"));
		assertThat(this.sink.task("crm", "A")).isEmpty();
		assertThat(this.source.health().failedCount()).isEqualTo(1);
	}

	@Test
	void deadLettersAMessageThePlatformRejects() {
		this.sink.failNextCallWith(CaptureException.rejected("type: unknown work type"));
		start(Map.of("externalId", "/id"), "json");
		this.rabbit.send("", this.queue, MessageBuilder.withBody("{\"id\":\"P\"}".getBytes()).build());

		Message dead = this.rabbit.receive(this.queue + ".dlq", 20_000);
		assertThat(dead).isNotNull();
		assertThat((String) dead.getMessageProperties().getHeader(AmqpSource.REASON_HEADER))
			.isEqualTo("rejected: type: unknown work type");
	}

	@Test
	void mapsXmlPayloadsByXPath() {
		start(Map.of("externalId", "/case/@id", "title", "/case/title"), "auto");
		this.rabbit.send("", this.queue,
				MessageBuilder.withBody("<case id=\"X-1\"><title>From XML</title></case>".getBytes()).build());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.task("crm", "X-1").isPresent());
		assertThat(this.sink.task("crm", "X-1").orElseThrow().title()).isEqualTo("From XML");
	}

	@Test
	void requeuesAMessageWhoseCaptureFailedRetryablyAndAcknowledgesItOnceCaptured() {
		start(Map.of("externalId", "/id"), "json");
		this.sink.failNextCallWith(CaptureException.temporaryFailure("database unavailable", null));
		this.rabbit.send("", this.queue, MessageBuilder.withBody("{\"id\":\"R\"}".getBytes()).build());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.task("crm", "R").isPresent());
		assertThat(this.sink.log()).containsExactly("capture R failed: database unavailable", "capture R");
		assertThat(this.source.health().lastError()).isEqualTo("database unavailable");
		assertThat(new RabbitAdmin(this.connectionFactory).getQueueInfo(this.queue).getMessageCount()).isZero();
	}

	@Test
	void capturesMessagesPublishedByDebiansAmqpPublish() throws Exception {
		start(Map.of("externalId", "/id", "title", "/title"), "auto");
		String body = "{\"id\":\"CLI-1\",\"title\":\"published by amqp-publish\"}";
		Process publish = new ProcessBuilder("amqp-publish", "--url=" + this.broker.uri(), "--routing-key=" + this.queue,
				"--persistent", "--content-type=application/json", "--body=" + body)
			.redirectErrorStream(true)
			.start();
		assertThat(publish.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(publish.exitValue()).as(new String(publish.getInputStream().readAllBytes())).isZero();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.sink.task("crm", "CLI-1").isPresent());
		assertThat(this.sink.task("crm", "CLI-1").orElseThrow().title()).isEqualTo("published by amqp-publish");
	}

}
