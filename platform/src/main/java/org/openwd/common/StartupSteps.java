package org.openwd.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;

/**
 * Where the start-up time goes, on request: with {@code -Dopenwd.startup.steps=N} the application records up to N of
 * Spring's start-up steps ({@link BufferingApplicationStartup}: bean instantiations, configuration-class parsing,
 * context refresh phases) and, once ready, logs the slowest ones with their own time (a step's duration minus that of
 * the steps nested in it), so a bean that waits for the database shows as itself and not as every bean that depends on
 * it. The same timeline is served by the actuator {@code startup} endpoint when it is exposed
 * ({@code management.endpoints.web.exposure.include=...,startup}). Off by default: recording costs a little memory.
 */
public final class StartupSteps implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(StartupSteps.class);

	/** How many steps are logged (by own time). */
	static final int LOGGED = Integer.getInteger("openwd.startup.logged", 40);

	private final BufferingApplicationStartup startup;

	private StartupSteps(BufferingApplicationStartup startup) {
		this.startup = startup;
	}

	/** Records start-up steps when {@code openwd.startup.steps} is set (a capacity, e.g. 20000). */
	public static void configure(SpringApplication application) {
		Integer capacity = Integer.getInteger("openwd.startup.steps");
		if (capacity != null && capacity > 0) {
			BufferingApplicationStartup startup = new BufferingApplicationStartup(capacity);
			application.setApplicationStartup(startup);
			application.addListeners(new StartupSteps(startup));
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		StartupTimeline timeline = startup.getBufferedTimeline();
		List<StartupTimeline.TimelineEvent> events = timeline.getEvents();
		Map<Long, Long> childTime = new HashMap<>();
		for (StartupTimeline.TimelineEvent e : events) {
			Long parent = e.getStartupStep().getParentId();
			if (parent != null) {
				childTime.merge(parent, e.getDuration().toNanos(), Long::sum);
			}
		}
		Map<String, long[]> byName = new HashMap<>();
		List<String[]> slowest = new ArrayList<>();
		List<long[]> own = new ArrayList<>();
		for (StartupTimeline.TimelineEvent e : events) {
			StartupStep step = e.getStartupStep();
			long self = e.getDuration().toNanos() - childTime.getOrDefault(step.getId(), 0L);
			byName.computeIfAbsent(step.getName(), n -> new long[2])[0] += self;
			byName.get(step.getName())[1]++;
			StringBuilder tags = new StringBuilder();
			step.getTags().forEach(tag -> tags.append(tags.isEmpty() ? "" : " ").append(tag.getKey()).append('=')
				.append(abbreviate(tag.getValue())));
			slowest.add(new String[] { step.getName(), tags.toString() });
			own.add(new long[] { self, e.getDuration().toNanos(), slowest.size() - 1 });
		}
		own.sort(Comparator.comparingLong((long[] o) -> o[0]).reversed());
		StringBuilder report = new StringBuilder("Start-up steps (").append(events.size())
			.append(" recorded; own ms / total ms / step):");
		for (long[] o : own.subList(0, Math.min(LOGGED, own.size()))) {
			String[] step = slowest.get((int) o[2]);
			report.append(String.format("%n  %7.1f %8.1f  %s %s", o[0] / 1e6, o[1] / 1e6, step[0], step[1]));
		}
		report.append(String.format("%nOwn time by step name (ms, count):"));
		byName.entrySet()
			.stream()
			.sorted(Comparator.comparingLong((Map.Entry<String, long[]> en) -> en.getValue()[0]).reversed())
			.forEach(en -> report.append(String.format("%n  %8.1f %6d  %s", en.getValue()[0] / 1e6, en.getValue()[1],
					en.getKey())));
		report.append(String.format("%nJVM start -> ready: %d ms",
				Duration.ofMillis(System.currentTimeMillis()
						- java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()).toMillis()));
		log.info(report.toString());
	}

	private static String abbreviate(Object value) {
		String text = String.valueOf(value);
		return text.length() > 120 ? text.substring(0, 117) + "..." : text;
	}

}
