package org.openwd.messaging.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
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

	private final CompletedEventPublications completed;

	private final Duration olderThan;

	private final Duration keepCompleted;

	OutboxResubmitter(IncompleteEventPublications publications, CompletedEventPublications completed,
			@Value("${openwd.events.resubmit-older-than:PT1M}") Duration olderThan,
			@Value("${openwd.events.keep-completed:P7D}") Duration keepCompleted) {
		this.publications = publications;
		this.completed = completed;
		this.olderThan = olderThan;
		this.keepCompleted = keepCompleted;
	}

	/** Completed publications are only an audit trail of delivery; the task history is the record. */
	@Scheduled(fixedDelayString = "${openwd.events.purge-interval:PT1H}", initialDelayString = "${openwd.events.purge-interval:PT1H}")
	void purgeCompleted() {
		try {
			completed.deletePublicationsOlderThan(keepCompleted);
		}
		catch (RuntimeException ex) {
			log.warn("Purging completed event publications failed; will retry", ex);
		}
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
