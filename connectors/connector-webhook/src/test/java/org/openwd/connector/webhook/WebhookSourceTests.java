package org.openwd.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.RecordingSink;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSourceTests {

	private static final byte[] SECRET = "a-shared-secret-of-some-length".getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

	private final RecordingSink sink = new RecordingSink();

	private final WebhookSource source = new WebhookSource("shop-hook",
			new WebhookSource.Settings(SECRET, Duration.ofMinutes(5), null),
			ItemMapping.of("shop", Map.of("externalId", "/order", "title", "/text")), NonceStore.inMemory(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final byte[] body = "{\"order\":\"O-1\",\"text\":\"Refund\"}".getBytes(StandardCharsets.UTF_8);

	@BeforeEach
	void start() {
		this.source.start(this.sink);
	}

	private Map<String, String> signed(long timestamp, String nonce, byte[] signedBody) {
		Map<String, String> headers = new HashMap<>();
		headers.put("x-openwd-timestamp", Long.toString(timestamp));
		headers.put("x-openwd-nonce", nonce);
		headers.put("x-openwd-signature", WebhookSignature.sign(SECRET, timestamp, nonce, signedBody));
		return headers;
	}

	@Test
	void acceptsASignedRequestAndCapturesIt() {
		WebhookSource.Answer answer = this.source.receive(signed(NOW.getEpochSecond(), "n-1", this.body), "application/json",
				this.body);

		assertThat(answer.status()).isEqualTo(201);
		assertThat(this.sink.task("shop", "O-1")).isPresent();
	}

	@Test
	void refusesABodyThatWasChangedAfterSigning() {
		byte[] tampered = "{\"order\":\"O-1\",\"text\":\"Refund 1000\"}".getBytes(StandardCharsets.UTF_8);

		WebhookSource.Answer answer = this.source.receive(signed(NOW.getEpochSecond(), "n-2", this.body), null, tampered);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.problem()).isEqualTo("invalid-signature");
		assertThat(this.sink.calls()).isZero();
	}

	@Test
	void refusesARequestWithoutSignatureHeaders() {
		WebhookSource.Answer answer = this.source.receive(Map.of(), null, this.body);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.detail()).contains("X-OpenWD-Signature");
	}

	@Test
	void refusesARequestSignedOutsideTheTimestampWindow() {
		long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();

		WebhookSource.Answer answer = this.source.receive(signed(old, "n-3", this.body), null, this.body);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.problem()).isEqualTo("stale-request");
	}

	@Test
	void refusesTheReplayOfAnAcceptedRequest() {
		Map<String, String> headers = signed(NOW.getEpochSecond(), "n-4", this.body);
		assertThat(this.source.receive(headers, null, this.body).status()).isEqualTo(201);

		WebhookSource.Answer replay = this.source.receive(headers, null, this.body);

		assertThat(replay.status()).isEqualTo(409);
		assertThat(replay.problem()).isEqualTo("replayed-request");
		assertThat(this.sink.calls()).isEqualTo(1);
	}

	@Test
	void answersAnUnmappablePayloadWith422AndReportsIt() {
		byte[] noId = "{\"text\":\"no order\"}".getBytes(StandardCharsets.UTF_8);

		WebhookSource.Answer answer = this.source.receive(signed(NOW.getEpochSecond(), "n-5", noId), null, noId);

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.detail()).startsWith("externalId ");
		assertThat(this.sink.malformed()).hasSize(1);
	}

	@Test
	void answers503AfterCloseWithoutCallingTheSink() {
		this.source.close();

		WebhookSource.Answer answer = this.source.receive(signed(NOW.getEpochSecond(), "n-6", this.body), null, this.body);

		assertThat(answer.status()).isEqualTo(503);
		assertThat(this.sink.calls()).isZero();
	}

}
