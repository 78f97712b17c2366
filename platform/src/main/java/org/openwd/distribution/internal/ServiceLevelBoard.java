package org.openwd.distribution.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.openwd.distribution.engine.ServiceLevels;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.springframework.stereotype.Component;

/**
 * Today's service levels (share of completed tasks handled within their due time) per routing profile and per
 * department. The day starts at midnight in {@code openwd.distribution.day-zone}.
 * <p>
 * The numbers come from the database (one indexed aggregate over today's completions), read at start-up, at every
 * day change and every {@code openwd.distribution.service-level-refresh} (default 5 s), so they survive a restart and
 * every node of a cluster sees the same values. Between two reads, this node's own completions are added as their
 * events arrive, so a decision right after a completion already sees it. A completion whose event is handled while
 * a read is in flight can count twice until the next read.
 */
@Component
class ServiceLevelBoard implements ServiceLevels {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceLevelBoard.class);

	private record Counter(long handled, long withinSla) {

		double percent() {
			return handled == 0 ? 100.0 : 100.0 * withinSla / handled;
		}

	}

	private final Clock clock;

	private final ZoneId zone;

	private volatile LocalDate day;

	private final Map<String, Counter> byProfile = new ConcurrentHashMap<>();

	private final Map<String, Counter> byDepartment = new ConcurrentHashMap<>();

	private final GlobalTaskList tasks;

	private volatile boolean loaded;

	ServiceLevelBoard(Clock clock, DistributionProperties properties, GlobalTaskList tasks) {
		this.clock = clock;
		this.zone = ZoneId.of(properties.dayZone());
		this.day = LocalDate.ofInstant(clock.instant(), zone);
		this.tasks = tasks;
	}

	/** Reads today's completions from the database and replaces the counters with them. */
	@org.springframework.scheduling.annotation.Scheduled(initialDelayString = "${openwd.distribution.service-level-refresh:PT5S}",
			fixedDelayString = "${openwd.distribution.service-level-refresh:PT5S}")
	void refresh() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		java.util.List<org.openwd.task.CompletionCount> counts;
		try {
			counts = tasks.completionsSince(today.atStartOfDay(zone).toInstant());
		}
		catch (RuntimeException ex) {
			log.warn("Could not read today's completions; service levels keep their last values", ex);
			return;
		}
		Map<String, Counter> profiles = new java.util.HashMap<>();
		Map<String, Counter> departments = new java.util.HashMap<>();
		for (org.openwd.task.CompletionCount c : counts) {
			Counter counter = new Counter(c.completed(), c.withinDue());
			if (c.routingProfile() != null) {
				profiles.merge(c.routingProfile(), counter, ServiceLevelBoard::add);
			}
			if (c.department() != null) {
				departments.merge(c.department(), counter, ServiceLevelBoard::add);
			}
		}
		synchronized (this) {
			day = today;
			byProfile.clear();
			byProfile.putAll(profiles);
			byDepartment.clear();
			byDepartment.putAll(departments);
			loaded = true;
		}
	}

	void record(TaskStateChanged event, GlobalTaskList tasks) {
		if (event.to() != TaskState.COMPLETED) {
			return;
		}
		if (!loaded) {
			refresh(); // already includes this completion: it committed before its event was published
			return;
		}
		Optional<TaskSnapshot> task = tasks.find(event.taskId());
		if (task.isEmpty()) {
			return;
		}
		rollOver();
		TaskSnapshot t = task.get();
		boolean within = t.withinDueAt(event.at());
		if (t.routingProfile() != null) {
			byProfile.merge(t.routingProfile(), new Counter(1, within ? 1 : 0), ServiceLevelBoard::add);
		}
		if (t.department() != null) {
			byDepartment.merge(t.department(), new Counter(1, within ? 1 : 0), ServiceLevelBoard::add);
		}
	}

	@Override
	public double ofProfile(String profile) {
		rollOver();
		return byProfile.getOrDefault(profile, new Counter(0, 0)).percent();
	}

	@Override
	public double ofDepartment(String department) {
		rollOver();
		return department == null ? 100.0 : byDepartment.getOrDefault(department, new Counter(0, 0)).percent();
	}

	private void rollOver() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		if (!loaded || !today.equals(day)) {
			refresh();
		}
	}

	private static Counter add(Counter a, Counter b) {
		return new Counter(a.handled() + b.handled(), a.withinSla() + b.withinSla());
	}

}
