package org.openwd.connector;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.connector.webhook.WebhookSignature;
import org.openwd.testing.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound webhook (HMAC signature, timestamp window, nonce replay protection, RFC 9457 errors) and the webhook
 * write-back with retries, backoff, a visible failure and a retry through the API.
 */
class WebhookConnectorIT extends ConnectorIntegrationTest {

	private static final byte[] SECRET = WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8);

	private Api.Response post(String body, long timestamp, String nonce, String signature) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.api.base() + "/api/v1/webhooks/" + WEBHOOK))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json",
				WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp), WebhookSignature.NONCE_HEADER, nonce));
		if (signature != null) {
			headers.put(WebhookSignature.SIGNATURE_HEADER, signature);
		}
		return this.api.send(null, request, headers);
	}

	private Api.Response signed(String body) {
		long now = Instant.now().getEpochSecond();
		String nonce = UUID.randomUUID().toString();
		return post(body, now, nonce, WebhookSignature.sign(SECRET, now, nonce, body.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void capturesASignedRequestAndRefusesReplaysAndForgeriesWithProblemDetails() {
		String order = "O-" + UUID.randomUUID();
		String body = "{\"order\":\"" + order + "\",\"text\":\"Refund request\"}";
		long now = Instant.now().getEpochSecond();
		String nonce = UUID.randomUUID().toString();
		String signature = WebhookSignature.sign(SECRET, now, nonce, body.getBytes(StandardCharsets.UTF_8));

		Api.Response accepted = post(body, now, nonce, signature);
		Api.Response replayed = post(body, now, nonce, signature);
		Api.Response forged = post(body.replace("Refund", "Big refund"), now, UUID.randomUUID().toString(), signature);
		Api.Response unsigned = post(body, now, UUID.randomUUID().toString(), null);
		long old = now - 3600;
		String oldNonce = UUID.randomUUID().toString();
		Api.Response stale = post(body, old, oldNonce, WebhookSignature.sign(SECRET, old, oldNonce, body.getBytes(StandardCharsets.UTF_8)));

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
		assertThat(replayed.status()).isEqualTo(409);
		assertThat(replayed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(replayed.text("type")).endsWith("/replayed-request");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.text("type")).endsWith("/invalid-signature");
		assertThat(unsigned.status()).isEqualTo(401);
		assertThat(stale.status()).isEqualTo(401);
		assertThat(stale.text("type")).endsWith("/stale-request");
		assertThat(this.api.get("admin", "/api/v1/sources/shop-it/tasks/" + order).text("title")).isEqualTo("Refund request");
	}

	@Test
	void answersAnUnmappablePayloadWith422AndAnUnknownWebhookWith404() {
		Api.Response unmappable = signed("{\"text\":\"no order number\"}");
		assertThat(unmappable.status()).isEqualTo(422);
		assertThat(unmappable.text("detail")).startsWith("externalId ");

		Api.Response unknown = this.api.send(null,
				HttpRequest.newBuilder(URI.create(this.api.base() + "/api/v1/webhooks/nope")).POST(HttpRequest.BodyPublishers.ofString("{}")),
				Map.of("Content-Type", "application/json"));
		assertThat(unknown.status()).isEqualTo(404);
	}

	@Test
	void retriesAFailingWriteBackWithBackoffShowsItAsFailedAndDeliversItWhenRetried() throws Exception {
		String order = "O-" + UUID.randomUUID();
		assertThat(signed("{\"order\":\"" + order + "\",\"text\":\"Will be canceled\"}").status()).isEqualTo(201);
		String taskId = this.api.get("admin", "/api/v1/sources/shop-it/tasks/" + order).text("id");
		SourceSystemEndpoint endpoint = SourceSystemEndpoint.INSTANCE;
		endpoint.failing = true;
		try {
			assertThat(signed("{\"order\":\"" + order + "\",\"op\":\"cancel\"}").status()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.api.get("supervisor", "/api/v1/write-back/deliveries?status=FAILED&taskId=" + taskId).body().size() == 1);
		}
		finally {
			endpoint.failing = false;
		}
		JsonNode failed = this.api.get("supervisor", "/api/v1/write-back/deliveries?status=FAILED&taskId=" + taskId).body().get(0);
		assertThat(failed.path("attempts").asInt()).isEqualTo(3);
		assertThat(failed.path("lastError").asText()).contains("HTTP 500");
		assertThat(this.api.post("agent", "/api/v1/write-back/deliveries/" + failed.path("id").asText() + "/retry", "").status())
			.isEqualTo(403);

		Api.Response retried = this.api.post("supervisor", "/api/v1/write-back/deliveries/" + failed.path("id").asText() + "/retry", "");
		assertThat(retried.status()).as(retried.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED"
			.equals(this.api.get("admin", "/api/v1/write-back/deliveries/" + failed.path("id").asText()).text("status")));
		SourceSystemEndpoint.Received call = endpoint.received.stream()
			.filter(received -> new String(received.body(), StandardCharsets.UTF_8).contains(order))
			.findFirst()
			.orElseThrow();
		JsonNode notice = Api.JSON.readTree(call.body());
		assertThat(notice.path("event").asText()).isEqualTo("canceled");
		long timestamp = Long.parseLong(call.header(WebhookSignature.TIMESTAMP_HEADER));
		assertThat(WebhookSignature.verify(SECRET, timestamp, call.header(WebhookSignature.NONCE_HEADER), call.body(),
				call.header(WebhookSignature.SIGNATURE_HEADER))).as("signed with the shared secret").isTrue();
		assertThat(this.api.post("admin", "/api/v1/write-back/deliveries/" + failed.path("id").asText() + "/retry", "").status())
			.isEqualTo(409);
	}

	@Test
	void tellsTheSourceWhenItsTaskIsOverdue() {
		String order = "O-" + UUID.randomUUID();
		String due = Instant.now().minusSeconds(3600).toString();
		assertThat(signed("{\"order\":\"" + order + "\",\"text\":\"Late\",\"due\":\"" + due + "\"}").status())
			.isEqualTo(201);
		String taskId = this.api.get("admin", "/api/v1/sources/shop-it/tasks/" + order).text("id");

		await().atMost(Duration.ofSeconds(30)).until(() -> this.api
			.get("supervisor", "/api/v1/write-back/deliveries?connector=" + WEBHOOK + "&taskId=" + taskId)
			.body()
			.findValuesAsText("event")
			.contains("overdue"));
		await().atMost(Duration.ofSeconds(30)).until(() -> SourceSystemEndpoint.INSTANCE.received.stream()
			.map(call -> new String(call.body(), StandardCharsets.UTF_8))
			.anyMatch(body -> body.contains(order) && body.contains("\"event\":\"overdue\"")));
	}


	/** The source moves a task's due time into the past later: the watcher follows the change and tells the source. */
	@Test
	void tellsTheSourceWhenAnUpdatedDueTimeHasPassed() {
		String order = "O-" + UUID.randomUUID();
		String later = Instant.now().plusSeconds(2 * 86400).toString();
		assertThat(signed("{\"order\":\"" + order + "\",\"text\":\"Not late yet\",\"due\":\"" + later + "\"}").status())
			.isEqualTo(201);
		String taskId = this.api.get("admin", "/api/v1/sources/shop-it/tasks/" + order).text("id");
		Api.Response updated = this.api.patch("admin", "/api/v1/sources/shop-it/tasks/" + order,
				Map.of("dueTime", Instant.now().minusSeconds(60).toString()), Map.of());
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.api
			.get("supervisor", "/api/v1/write-back/deliveries?connector=" + WEBHOOK + "&taskId=" + taskId)
			.body()
			.findValuesAsText("event")
			.contains("overdue"));
	}

}
