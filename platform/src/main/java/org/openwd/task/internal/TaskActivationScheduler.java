package org.openwd.task.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queues deferred tasks when their activation time arrives. Uses an index on (state, activation_time), so each run
 * costs one indexed range read; several nodes may run it, optimistic locking lets exactly one activate each task.
 */
@Component
@ConditionalOnProperty(name = "openwd.task.activation.enabled", havingValue = "true", matchIfMissing = true)
class TaskActivationScheduler {

	private static final Logger log = LoggerFactory.getLogger(TaskActivationScheduler.class);

	private final TaskLifecycleService tasks;

	TaskActivationScheduler(TaskLifecycleService tasks) {
		this.tasks = tasks;
	}

	@Scheduled(fixedDelayString = "${openwd.task.activation.interval:PT1S}")
	void activateDueTasks() {
		int activated;
		do {
			activated = tasks.activateDueTasks(500);
			if (activated > 0) {
				log.debug("Activated {} scheduled tasks", activated);
			}
		}
		while (activated == 500);
	}

}
