package org.openwd.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.ConnectorContractTest;

/**
 * The webhook source keeps the connector contract. Its upstream is a sender that signs each request and resends on
 * 503, as webhook senders do.
 */
class WebhookSourceContractTests extends ConnectorContractTest {

	static final byte[] SECRET = "contract-secret-0123456789".getBytes(StandardCharsets.UTF_8);

	private WebhookSource webhook;

	@Override
	protected ConnectorSource newSource() {
		this.webhook = new WebhookSource("hook-contract", new WebhookSource.Settings(SECRET, null, "json"),
				ItemMapping.of("shop", Map.of("externalId", "/id", "title", "/title", "operation", "/op | default:capture",
						"reason", "/reason")),
				NonceStore.inMemory(), Clock.systemUTC());
		return this.webhook;
	}

	@Override
	protected String sourceSystem() {
		return "shop";
	}

	private void send(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		for (int attempt = 0; attempt < 5; attempt++) {
			long now = System.currentTimeMillis() / 1000;
			String nonce = UUID.randomUUID().toString();
			WebhookSource.Answer answer = this.webhook.receive(Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
					WebhookSignature.NONCE_HEADER, nonce, WebhookSignature.SIGNATURE_HEADER,
					WebhookSignature.sign(SECRET, now, nonce, body)), "application/json", body);
			if (answer.status() != 503) {
				return;
			}
		}
	}

	@Override
	protected void sendCapture(String externalId, String title) {
		send("{\"id\":\"" + externalId + "\",\"title\":\"" + title + "\"}");
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) {
		send("{\"id\":\"" + externalId + "\",\"title\":\"" + newTitle + "\",\"op\":\"update\"}");
	}

	@Override
	protected void sendCancel(String externalId, String reason) {
		send("{\"id\":\"" + externalId + "\",\"op\":\"cancel\",\"reason\":\"" + reason + "\"}");
	}

	@Override
	protected void sendMalformed(String marker) {
		send("{\"id\":\"" + marker + "\" broken");
	}

}
