package org.openwd.escalation.internal;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the escalation module ({@code openwd.escalation.*}).
 *
 * @param enabled start escalation instances for queued tasks
 * @param excludedSources tasks from these source systems are never escalated (the module's own review tasks)
 * @param startBatchSize how many pending starts one transaction takes
 * @param startInterval how often the starter looks for pending starts (it is also woken by every queued task)
 * @param reviewType the task type of supervisor reviews captured from user tasks
 * @param history {@code lean} (default): at Camunda history level {@code audit}, escalation instances record only their
 *        lifecycle, start and end events and user tasks ({@link EscalationHistoryLevel}); {@code audit}: everything
 *        audit records
 */
@ConfigurationProperties("openwd.escalation")
record EscalationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("escalation") Set<String> excludedSources,
		@DefaultValue("100") int startBatchSize, @DefaultValue("PT1S") Duration startInterval,
		@DefaultValue("escalation-review") String reviewType, @DefaultValue("lean") String history) {

	static final String SOURCE = "escalation";

	static final String ACTOR = "escalation";

}
