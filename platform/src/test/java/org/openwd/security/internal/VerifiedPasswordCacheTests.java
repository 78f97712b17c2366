package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordCacheTests {

	final AtomicInteger slowChecks = new AtomicInteger();

	final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

	final PasswordEncoder counting = new PasswordEncoder() {

		@Override
		public String encode(CharSequence raw) {
			return bcrypt.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			slowChecks.incrementAndGet();
			return bcrypt.matches(raw, encoded);
		}

	};

	final AtomicLong nanos = new AtomicLong();

	final VerifiedPasswordCache cache = new VerifiedPasswordCache(counting, Duration.ofMinutes(5), 100, nanos::get);

	final String stored = bcrypt.encode("s3cret");

	@Test
	void paysTheSlowHashOnlyOnceForARepeatedCorrectPassword() {
		assertThat(cache.matches("s3cret", stored)).isTrue();
		assertThat(cache.matches("s3cret", stored)).isTrue();
		assertThat(cache.matches("s3cret", stored)).isTrue();
		assertThat(slowChecks).hasValue(1);
	}

	@Test
	void everyWrongPasswordPaysTheSlowHashAndIsRefused() {
		assertThat(cache.matches("s3cret", stored)).isTrue();
		assertThat(cache.matches("guess", stored)).isFalse();
		assertThat(cache.matches("guess", stored)).isFalse();
		assertThat(slowChecks).hasValue(3);
	}

	@Test
	void aChangedStoredHashIsCheckedAgain() {
		assertThat(cache.matches("s3cret", stored)).isTrue();
		String changed = bcrypt.encode("other");
		assertThat(cache.matches("s3cret", changed)).isFalse();
		assertThat(slowChecks).hasValue(2);
	}

	@Test
	void forgetsAVerifiedPasswordAfterItsTimeToLive() {
		assertThat(cache.matches("s3cret", stored)).isTrue();
		nanos.addAndGet(Duration.ofMinutes(6).toNanos());
		assertThat(cache.matches("s3cret", stored)).isTrue();
		assertThat(slowChecks).hasValue(2);
	}

}
