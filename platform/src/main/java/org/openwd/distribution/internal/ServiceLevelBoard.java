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
 * department, counted from completion events. The day starts at midnight in {@code openwd.distribution.day-zone}.
 */
@Component
class ServiceLevelBoard implements ServiceLevels {

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

	ServiceLevelBoard(Clock clock, DistributionProperties properties) {
		this.clock = clock;
		this.zone = ZoneId.of(properties.dayZone());
		this.day = LocalDate.ofInstant(clock.instant(), zone);
	}

	void record(TaskStateChanged event, GlobalTaskList tasks) {
		if (event.to() != TaskState.COMPLETED) {
			return;
		}
		Optional<TaskSnapshot> task = tasks.find(event.taskId());
		if (task.isEmpty()) {
			return;
		}
		rollOver();
		TaskSnapshot t = task.get();
		boolean within = t.dueTime() == null || !event.at().isAfter(t.dueTime());
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
		if (!today.equals(day)) {
			day = today;
			byProfile.clear();
			byDepartment.clear();
		}
	}

	private static Counter add(Counter a, Counter b) {
		return new Counter(a.handled() + b.handled(), a.withinSla() + b.withinSla());
	}

}
