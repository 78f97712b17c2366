package org.openwd.reporting.internal;

import java.time.Instant;

/**
 * One live tile: the open work of one department, process or virtual queue, and how today went.
 *
 * @param key the department, process or routing profile name ({@code ""} for tasks without one, and for the site)
 * @param waiting QUEUED
 * @param offered OFFERED
 * @param inProgress ASSIGNED
 * @param held HELD and ERROR_HELD
 * @param scheduled SCHEDULED (deferred)
 * @param oldestWaitingSince when the longest-waiting QUEUED task started waiting, or {@code null}
 * @param atRisk open tasks inside their SLA warning window (warning time passed, due time not yet)
 * @param overdue open tasks past their due time
 * @param arrivedToday captured since midnight
 * @param completedToday completed since midnight
 * @param completedInSlaToday of those, completed by their due time
 * @param serviceLevelToday completedInSlaToday / completedToday in percent, {@code null} before the first completion
 */
public record Tile(String key, long waiting, long offered, long inProgress, long held, long scheduled,
		Instant oldestWaitingSince, long atRisk, long overdue, long arrivedToday, long completedToday,
		long completedInSlaToday, Double serviceLevelToday) {

	static Double serviceLevel(long completed, long inSla) {
		return completed == 0 ? null : Math.round(1000.0 * inSla / completed) / 10.0;
	}

}
