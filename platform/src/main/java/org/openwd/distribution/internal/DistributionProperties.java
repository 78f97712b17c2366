package org.openwd.distribution.internal;

import java.time.Duration;
import java.util.List;

import org.openwd.distribution.engine.SelectionStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Distribution settings.
 * @param enabled push distribution on (default true)
 * @param strategy how to choose among eligible employees (default LONGEST_IDLE)
 * @param lastAgentWindow how long a customer's last agent is preferred (default 8 h; 0 turns it off)
 * @param missedOfferPresence put an employee NOT_READY with reason {@code missed-offer} when an offer times out
 * @param pullDepartments departments that work in pull mode ("get next") instead of receiving pushed offers
 * @param dayZone the time zone in which "today" (service level, least-occupied window) starts
 * @param roundSize at most this many decisions are committed together in one transaction (default 50); a round is
 *        committed as soon as no other trigger is waiting, so a lone decision is never held back
 */
@ConfigurationProperties("openwd.distribution")
record DistributionProperties(Boolean enabled, SelectionStrategy strategy, Duration lastAgentWindow, Boolean missedOfferPresence,
		List<String> pullDepartments, String dayZone, Integer roundSize) {

	DistributionProperties {
		enabled = enabled == null || enabled;
		strategy = strategy == null ? SelectionStrategy.LONGEST_IDLE : strategy;
		lastAgentWindow = lastAgentWindow == null ? Duration.ofHours(8) : lastAgentWindow;
		missedOfferPresence = missedOfferPresence == null || missedOfferPresence;
		pullDepartments = pullDepartments == null ? List.of() : List.copyOf(pullDepartments);
		dayZone = dayZone == null ? "UTC" : dayZone;
		roundSize = roundSize == null ? 50 : roundSize;
		if (roundSize < 1) {
			throw new IllegalArgumentException("openwd.distribution.round-size must be at least 1, was " + roundSize);
		}
	}

}
