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
		this.source = new AmqpSource("crm-queue", this.connectionFactory,
				new AmqpSourceSettings(this.queue, null, true, format, 1, 10, Duration.ofMillis(50)),
				ItemMapping.of("crm", mapping), Clock.systemUTC());
		this.source.start(this.sink);
		return this.source;
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
