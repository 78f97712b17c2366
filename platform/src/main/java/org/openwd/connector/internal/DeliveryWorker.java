package org.openwd.connector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.connector.api.WriteBack;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Works off due write-back deliveries: claims each (so two nodes never send the same one at once), calls the
 * connector's {@link WriteBack}, and on failure schedules the next attempt with exponential backoff (Spring's
 * {@link ExponentialBackOff}) until the last attempt marks the delivery FAILED, visible and retryable through the API.
 */
@Component
class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final DeliveryStore deliveries;

	private final ConnectorHost host;

	private final ConnectorProperties.Delivery settings;

	private final Clock clock;

	DeliveryWorker(DeliveryStore deliveries, ConnectorHost host, ConnectorProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.host = host;
		this.settings = properties.delivery();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${openwd.connectors.delivery.poll-interval:PT0.5S}")
	void deliverDue() {
		if (!this.host.isRunning()) {
			return;
		}
		Instant now = this.clock.instant();
		for (DeliveryStore.Delivery delivery : this.deliveries.due(now, this.settings.batchSize())) {
			if (this.deliveries.claim(delivery, now.plus(this.settings.lease()))) {
				deliver(delivery);
			}
		}
	}

	private void deliver(DeliveryStore.Delivery delivery) {
		Optional<WriteBack> target = this.host.writeBack(delivery.connector());
		if (target.isEmpty()) {
			fail(delivery, "connector " + delivery.connector() + " has no write-back configured any more");
			return;
		}
		try {
			target.get().deliver(delivery.notice());
			this.deliveries.delivered(delivery.id(), this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail(delivery, "interrupted");
		}
		catch (Exception ex) {
			fail(delivery, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void fail(DeliveryStore.Delivery delivery, String error) {
		int attempt = delivery.attempts() + 1;
		boolean giveUp = attempt >= this.settings.maxAttempts();
		Instant next = this.clock.instant().plus(backoff(attempt));
		this.deliveries.failedAttempt(delivery.id(), error, next, giveUp);
		if (giveUp) {
			log.warn("Write-back {} of task {} to {} failed for good after {} attempts: {}", delivery.event(),
					delivery.taskId(), delivery.connector(), attempt, error);
		}
		else {
			log.info("Write-back {} of task {} to {} failed (attempt {}), next at {}: {}", delivery.event(), delivery.taskId(),
					delivery.connector(), attempt, next, error);
		}
	}

	/** The wait after the given failed attempt (1 = the first). */
	Duration backoff(int attempt) {
		ExponentialBackOff policy = new ExponentialBackOff(this.settings.initialBackoff().toMillis(),
				this.settings.multiplier());
		policy.setMaxInterval(this.settings.maxBackoff().toMillis());
		BackOffExecution execution = policy.start();
		long wait = 0;
		for (int i = 0; i < attempt; i++) {
			wait = execution.nextBackOff();
		}
		return Duration.ofMillis(wait);
	}

}
