package org.openwd.connector.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.openwd.connector.api.StateNotice;
import org.openwd.connector.api.WriteBack;
import org.openwd.connector.mapping.StateNoticeJson;

/**
 * Write-back as a webhook call: POSTs the notice as JSON to the source's URL, signed like inbound webhooks
 * ({@link WebhookSignature}, the delivery id as nonce), with the JDK's {@link HttpClient}. A 2xx answer is success;
 * anything else, or a timeout, makes the platform retry with backoff.
 */
public final class WebhookWriteBack implements WriteBack {

	private final HttpClient http;

	private final URI url;

	private final byte[] secret;

	private final Duration timeout;

	private final Clock clock;

	public WebhookWriteBack(URI url, byte[] secret, Duration timeout, Clock clock) {
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
		this.url = url;
		this.secret = secret;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public void deliver(StateNotice notice) throws Exception {
		byte[] body = StateNoticeJson.toJson(notice);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.NONCE_HEADER, notice.deliveryId())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (this.secret != null && this.secret.length > 0) {
			request.header(WebhookSignature.SIGNATURE_HEADER,
					WebhookSignature.sign(this.secret, timestamp, notice.deliveryId(), body));
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			String text = response.body();
			throw new IllegalStateException("HTTP " + response.statusCode() + " from " + this.url + ": "
					+ (text.length() > 200 ? text.substring(0, 200) : text));
		}
	}

}
