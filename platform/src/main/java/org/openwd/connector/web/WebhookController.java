package org.openwd.connector.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.openwd.common.web.Problems;
import org.openwd.connector.internal.ConnectorHost;
import org.openwd.connector.webhook.WebhookSignature;
import org.openwd.connector.webhook.WebhookSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound webhooks, one per configured webhook connector. Not authenticated by user: each request must carry an
 * HMAC-SHA256 signature of its body with the connector's secret, a timestamp inside the window and a fresh nonce.
 * Errors are RFC 9457 problem details.
 */
@RestController
@Tag(name = "Webhooks", description = "Inbound webhooks of source systems, signed with HMAC-SHA256")
class WebhookController {

	private final ConnectorHost host;

	WebhookController(ConnectorHost host) {
		this.host = host;
	}

	@PreAuthorize("permitAll()") // authenticated by the body's HMAC signature, checked below
	@PostMapping(path = "/api/v1/webhooks/{source}", produces = { MediaType.APPLICATION_JSON_VALUE,
			MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	@Operation(summary = "Deliver a work item (capture, update, cancel or complete, as the connector's mapping says)",
			description = "Sign with X-OpenWD-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + '.' + nonce + '.' + body)), "
					+ "X-OpenWD-Timestamp (epoch seconds) and X-OpenWD-Nonce (unique per request). "
					+ "201 captured, 200 known item, 401 bad signature or stale timestamp, 409 replayed nonce, "
					+ "422 unmappable or rejected payload, 503 retry later.")
	ResponseEntity<?> receive(@PathVariable String source, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@Parameter(hidden = true) HttpServletRequest request) {
		if (!"webhook".equals(this.host.typeOf(source).orElse(null))) {
			return problem(HttpStatus.NOT_FOUND, "not-found", "No webhook " + source, null);
		}
		WebhookSource webhook = this.host.runningSource(source)
			.filter(WebhookSource.class::isInstance)
			.map(WebhookSource.class::cast)
			.orElse(null);
		if (webhook == null) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Webhook " + source + " is paused or not running",
					"30");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : new String[] { WebhookSignature.SIGNATURE_HEADER, WebhookSignature.TIMESTAMP_HEADER,
				WebhookSignature.NONCE_HEADER }) {
			String value = request.getHeader(name);
			if (value != null) {
				headers.put(name, value);
			}
		}
		WebhookSource.Answer answer = webhook.receive(headers, contentType, body == null ? new byte[0] : body);
		if (answer.problem() == null) {
			return ResponseEntity.status(answer.status()).body(Map.of("result", answer.detail()));
		}
		return problem(HttpStatus.valueOf(answer.status()), answer.problem(), answer.detail(),
				answer.retryAfter() == null ? null : Long.toString(answer.retryAfter().toSeconds()));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail, String retryAfter) {
		ProblemDetail problem = Problems.of(status, type, status.getReasonPhrase(), detail);
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return builder.body(problem);
	}

}
