package org.openwd.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme of OpenWD webhooks, both ways: {@code X-OpenWD-Signature: sha256=<hex>} where hex is the
 * HMAC-SHA256, keyed with the shared secret, of {@code <timestamp>.<nonce>.<body>}; {@code X-OpenWD-Timestamp} is the
 * sending time in epoch seconds and {@code X-OpenWD-Nonce} a unique value per request (a UUID). The JDK's
 * {@link Mac} computes it; comparison is constant-time.
 */
public final class WebhookSignature {

	public static final String SIGNATURE_HEADER = "X-OpenWD-Signature";

	public static final String TIMESTAMP_HEADER = "X-OpenWD-Timestamp";

	public static final String NONCE_HEADER = "X-OpenWD-Nonce";

	private WebhookSignature() {
	}

	/** The header value {@code sha256=<hex>} for a request. */
	public static String sign(byte[] secret, long timestamp, String nonce, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			mac.update((timestamp + "." + nonce + ".").getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Whether a header value is the right signature, compared in constant time. */
	public static boolean verify(byte[] secret, long timestamp, String nonce, byte[] body, String signature) {
		if (signature == null) {
			return false;
		}
		byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8));
	}

}
