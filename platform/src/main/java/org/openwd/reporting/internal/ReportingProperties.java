package org.openwd.reporting.internal;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reporting settings.
 *
 * @param zone the time zone whose midnight starts "today" (service level today, charts over the day)
 * @param sampleInterval how often the backlog is sampled for the backlog chart
 * @param liveCacheTtl how long one computation of the live tiles serves every supervisor's request
 * @param pushDelay how long changes are collected before one {@code board-changed} message goes to the supervisors
 */
@ConfigurationProperties("openwd.reporting")
public record ReportingProperties(ZoneId zone, Duration sampleInterval, Duration liveCacheTtl, Duration pushDelay) {

	public ReportingProperties {
		zone = zone == null ? ZoneId.of("UTC") : zone;
		sampleInterval = sampleInterval == null ? Duration.ofMinutes(15) : sampleInterval;
		liveCacheTtl = liveCacheTtl == null ? Duration.ofSeconds(2) : liveCacheTtl;
		pushDelay = pushDelay == null ? Duration.ofSeconds(1) : pushDelay;
	}

}
