package org.openwd.presence.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Presence settings.
 * @param reasons the reason codes an employee may give for NOT_READY (lower case); default break, lunch, meeting,
 * training, coaching, missed-offer, after-call-work, other
 */
@ConfigurationProperties("openwd.presence")
record PresenceProperties(List<String> reasons) {

	static final List<String> DEFAULT_REASONS = List.of("break", "lunch", "meeting", "training", "coaching", "missed-offer",
			"after-call-work", "other");

	PresenceProperties {
		reasons = reasons == null || reasons.isEmpty() ? DEFAULT_REASONS
				: reasons.stream().map(code -> code.trim().toLowerCase(Locale.ROOT)).filter(code -> !code.isEmpty()).distinct().toList();
	}

}
