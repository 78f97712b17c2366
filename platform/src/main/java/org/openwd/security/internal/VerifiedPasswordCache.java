package org.openwd.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a short time, that a password matched its stored hash, so that a system sending HTTP Basic on every
 * request pays the slow hash (BCrypt, ~50-100 ms of CPU by design) once per {@code ttl} instead of once per request;
 * without it, authentication alone caps the capture API at a few hundred requests per second on two cores.
 * <p>
 * Only successful checks are remembered, so every wrong guess still pays the full hash. The cache holds no passwords:
 * its keys are HMAC-SHA256 values of (stored hash, password) under a random key made at start-up and never stored.
 * Changing a user's password changes the stored hash, so old entries no longer match. Caffeine does the bounded,
 * expiring cache.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Cache<String, Boolean> verified;

	private final SecretKeySpec key;

	VerifiedPasswordCache(PasswordEncoder delegate, Duration ttl, long maxEntries, Ticker ticker) {
		this.delegate = delegate;
		this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).ticker(ticker).build();
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	VerifiedPasswordCache(PasswordEncoder delegate, Duration ttl) {
		this(delegate, ttl, 10_000, Ticker.systemTicker());
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return delegate.matches(rawPassword, encodedPassword);
		}
		String fingerprint = fingerprint(rawPassword, encodedPassword);
		if (verified.getIfPresent(fingerprint) != null) {
			return true;
		}
		boolean matches = delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			verified.put(fingerprint, Boolean.TRUE);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return delegate.upgradeEncoding(encodedPassword);
	}

	private String fingerprint(CharSequence raw, String encoded) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(encoded.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Base64.getEncoder().encodeToString(mac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
