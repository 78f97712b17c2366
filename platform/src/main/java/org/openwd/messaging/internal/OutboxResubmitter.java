package org.openwd.messaging.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox healthy. Retries event publications whose listener failed (e.g. the broker was down), so no event is lost while the process
 * keeps running; publications left by a crashed process are resubmitted on restart as well
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 */
@Component
class OutboxResubmitter {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);

	private final IncompleteEventPublications publications;

	private final Duration olderThan;

	OutboxResubmitter(IncompleteEventPublications publications,
			@Value("${openwd.events.resubmit-older-than:PT1M}") Duration olderThan) {
		this.publications = publications;
		this.olderThan = olderThan;
	}

	@Scheduled(fixedDelayString = "${openwd.events.resubmit-interval:PT30S}",
			initialDelayString = "${openwd.events.resubmit-interval:PT30S}")
	void resubmit() {
		try {
			publications.resubmitIncompletePublicationsOlderThan(olderThan);
		}
		catch (RuntimeException ex) {
			log.warn("Resubmitting incomplete event publications failed; will retry", ex);
		}
	}

}
