package org.openwd.connector.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.openwd.connector.api.ConnectorHealth.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConnectorHealthTests {

	@Test
	void aSourceThatReportsNothingHasUnknownHealth() {
		ConnectorSource silent = new ConnectorSource() {

			@Override
			public String name() {
				return "silent";
			}

			@Override
			public void start(CaptureSink sink) {
			}

			@Override
			public void close() {
			}

		};

		assertThat(silent.health()).isEqualTo(new ConnectorHealth(Status.UNKNOWN, 0, 0, null, null, null));
	}

	@Test
	void carriesCountsErrorActivityAndLag() {
		Instant at = Instant.parse("2025-03-01T08:00:00Z");

		ConnectorHealth health = new ConnectorHealth(Status.DOWN, 120, 3, "broker unreachable", at,
				Duration.ofMinutes(5));

		assertThat(health.status()).isEqualTo(Status.DOWN);
		assertThat(health.capturedCount()).isEqualTo(120);
		assertThat(health.failedCount()).isEqualTo(3);
		assertThat(health.lastError()).isEqualTo("broker unreachable");
		assertThat(health.lastActivity()).isEqualTo(at);
		assertThat(health.lag()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void rejectsNegativeCountsNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConnectorHealth(Status.UP, -1, 0, null, null, null))
			.withMessageStartingWith("capturedCount ");
		assertThatIllegalArgumentException().isThrownBy(() -> new ConnectorHealth(Status.UP, 0, -1, null, null, null))
			.withMessageStartingWith("failedCount ");
	}

	@Test
	void rejectsANegativeLagNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectorHealth(Status.UP, 0, 0, null, null, Duration.ofSeconds(-1)))
			.withMessageStartingWith("lag ");
	}

	@Test
	void needsAStatus() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConnectorHealth(null, 0, 0, null, null, null))
			.withMessage("status is required");
	}

}
