package org.openwd.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.escalation.EscalationNotified;
import org.openwd.rules.RoutingProfile;
import org.openwd.rules.RoutingProfiles;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.NewTask;
import org.openwd.task.TaskCapture;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The action catalogue ({@link ActionCatalogue}) as Spring beans that models call by delegate expression. Each action
 * runs inside the engine's transaction (the job that fired the timer), so the task change, its history, its events and
 * the engine's progress commit together; a failure rolls all of it back and the job is retried. An action on a task
 * that is already closed does nothing: the close message ends the instance.
 */
@Configuration(proxyBeanMethods = false)
class EscalationActions {

	private static final Logger log = LoggerFactory.getLogger(EscalationActions.class);

	private final GlobalTaskList tasks;

	private final TaskCapture capture;

	private final RoutingProfiles profiles;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EscalationActions(GlobalTaskList tasks, TaskCapture capture, RoutingProfiles profiles, ApplicationEventPublisher events,
			Clock clock) {
		this.tasks = tasks;
		this.capture = capture;
		this.profiles = profiles;
		this.events = events;
		this.clock = clock;
	}

	@Bean("raisePriority")
	JavaDelegate raisePriority() {
		return onOpenTask((execution, task) -> tasks.prioritize(task.id(), task.priorityPinned(),
				task.priorityBoost() + intParameter(execution, "boost", 20), reason(execution, "escalation"), ACTOR));
	}

	@Bean("setPriority")
	JavaDelegate setPriority() {
		return onOpenTask((execution, task) -> tasks.prioritize(task.id(), boolParameter(execution, "pinned", false),
				intParameter(execution, "boost", null), reason(execution, "escalation"), ACTOR));
	}

	@Bean("widenTarget")
	JavaDelegate widenTarget() {
		return onOpenTask((execution, task) -> {
			String to = textParameter(execution, "to", "all");
			int last = lastStep(task);
			Integer step = switch (to) {
				case "all" -> TaskSnapshot.ALL_WITH_SKILLS;
				case "last" -> last;
				case "next" -> Math.min(last, currentStep(task) + 1);
				default -> throw new IllegalArgumentException("widenTarget: 'to' must be all, last or next, not " + to);
			};
			if (task.targetStep() == null || task.targetStep() != TaskSnapshot.ALL_WITH_SKILLS) {
				tasks.retarget(task.id(), step, "escalation: widen to " + to, ACTOR);
			}
		});
	}

	@Bean("narrowTarget")
	JavaDelegate narrowTarget() {
		return onOpenTask((execution, task) -> {
			String to = textParameter(execution, "to", "first");
			Integer step = switch (to) {
				case "first" -> 0;
				case "previous" -> Math.max(0, Math.min(lastStep(task), currentStep(task)) - 1);
				case "cascade" -> null;
				default -> throw new IllegalArgumentException(
						"narrowTarget: 'to' must be first, previous or cascade, not " + to);
			};
			tasks.retarget(task.id(), step, "escalation: narrow to " + to, ACTOR);
		});
	}

	@Bean("moveToProfile")
	JavaDelegate moveToProfile() {
		return onOpenTask((execution, task) -> {
			String profile = textParameter(execution, "profile", null);
			if (profile == null || profiles.find(profile).isEmpty()) {
				throw new IllegalArgumentException("moveToProfile: routing profile '" + profile + "' does not exist");
			}
			if (!profile.equals(task.routingProfile())) {
				tasks.reroute(task.id(), profile, reason(execution, "escalation"), ACTOR);
			}
		});
	}

	@Bean("notifySupervisors")
	JavaDelegate notifySupervisors() {
		return onOpenTask((execution, task) -> {
			String stage = textParameter(execution, "stage", "notice");
			String message = textParameter(execution, "message", "Escalation of task " + task.title());
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("notified", "supervisors");
			details.put("message", message);
			details.put("activity", execution.getCurrentActivityId());
			tasks.recordEscalation(task.id(), stage, details, ACTOR);
			events.publishEvent(new EscalationNotified(task.id(), stage, message, task.department(), task.routingProfile(),
					task.title(), task.dueTime(), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
					clock.instant()));
		});
	}

	@Bean("markOverdue")
	JavaDelegate markOverdue() {
		return onOpenTask((execution, task) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			if (task.dueTime() != null) {
				details.put("dueTime", task.dueTime().toString());
			}
			details.put("activity", execution.getCurrentActivityId());
			tasks.recordEscalation(task.id(), "overdue", details, ACTOR);
		});
	}

	@Bean("holdTask")
	JavaDelegate holdTask() {
		return onOpenTask((execution, task) -> {
			if (task.state() != TaskState.HELD && task.state() != TaskState.ERROR_HELD) {
				tasks.hold(task.id(), reason(execution, "held by escalation"), ACTOR);
			}
		});
	}

	@Bean("cancelTask")
	JavaDelegate cancelTask() {
		return onOpenTask((execution, task) -> tasks.cancel(task.id(), reason(execution, "canceled by escalation"), ACTOR));
	}

	@Bean("createFollowUpTask")
	JavaDelegate createFollowUpTask() {
		return onOpenTask((execution, task) -> {
			String type = textParameter(execution, "type", null);
			if (type == null) {
				throw new IllegalArgumentException("createFollowUpTask: parameter 'type' is required");
			}
			Map<String, Object> attributes = new LinkedHashMap<>();
			attributes.put("followUpOf", task.id().toString());
			attributes.put("escalationInstance", execution.getProcessInstanceId());
			NewTask followUp = new NewTask(EscalationProperties.SOURCE, "follow-up:" + task.id() + ":" + execution.getCurrentActivityId(),
					type, textParameter(execution, "title", "Follow-up: " + task.title()),
					textParameter(execution, "description", null), task.customerId(), task.customerSegment(),
					task.businessValue(), null, null, null, task.department(), task.process(), task.requiredSkills(), attributes);
			execution.setVariable("followUpTaskId", capture.capture(followUp, ACTOR).task().id().toString());
		});
	}

	@Bean("loadTask")
	JavaDelegate loadTask() {
		return execution -> {
			Optional<TaskSnapshot> task = task(execution);
			execution.setVariable("taskState", task.map(t -> t.state().name()).orElse("MISSING"));
			execution.setVariable("assignedEmployee", task.map(TaskSnapshot::assignedEmployee).orElse(null));
			execution.setVariable("escalationStage", task.map(TaskSnapshot::escalationStage).orElse(null));
			execution.setVariable("priorityBoost", task.map(TaskSnapshot::priorityBoost).orElse(0));
		};
	}

	// ---- helpers

	static final String ACTOR = EscalationProperties.ACTOR;

	@FunctionalInterface
	interface Step {

		void apply(DelegateExecution execution, TaskSnapshot task) throws Exception;

	}

	/**
	 * An action on the task if it is still open. The task is read and locked in one statement, in the job's
	 * transaction: the action's change needs no further read, and a second action of the same job reads nothing (the
	 * task module writes the task once, when the job commits).
	 */
	private JavaDelegate onOpenTask(Step action) {
		return execution -> {
			Optional<TaskSnapshot> task = tasks.findOpenForChange(taskId(execution));
			if (task.isEmpty()) {
				log.debug("Escalation {} at {}: task {} is closed or gone; nothing to do", execution.getProcessInstanceId(),
						execution.getCurrentActivityId(), execution.getProcessBusinessKey());
				return;
			}
			action.apply(execution, task.get());
		};
	}

	private Optional<TaskSnapshot> task(DelegateExecution execution) {
		return tasks.find(taskId(execution));
	}

	private static TaskId taskId(DelegateExecution execution) {
		String key = execution.getProcessBusinessKey();
		if (key == null) {
			throw new IllegalStateException("Escalation instance " + execution.getProcessInstanceId() + " has no business key");
		}
		return new TaskId(UUID.fromString(key));
	}

	private int lastStep(TaskSnapshot task) {
		return profiles.find(task.routingProfile()).map(p -> Math.max(0, p.targets().size() - 1)).orElse(0);
	}

	/** The step the task is on now: its fixed step, or where the cascade has got to with its waiting time. */
	private int currentStep(TaskSnapshot task) {
		if (task.targetStep() != null) {
			return task.targetStep() == TaskSnapshot.ALL_WITH_SKILLS ? lastStep(task) : task.targetStep();
		}
		Optional<RoutingProfile> profile = profiles.find(task.routingProfile());
		Instant since = task.waitingSince() != null ? task.waitingSince() : task.capturedAt();
		return profile.map(p -> p.targetIndexAfter(Duration.between(since, clock.instant()))).orElse(0);
	}

	private static String reason(DelegateExecution execution, String fallback) {
		return textParameter(execution, "reason", fallback);
	}

	static String textParameter(DelegateExecution execution, String name, String fallback) {
		Object value = execution.getVariable(name);
		return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
	}

	static Integer intParameter(DelegateExecution execution, String name, Integer fallback) {
		Object value = execution.getVariable(name);
		if (value == null || value.toString().isBlank()) {
			if (fallback == null) {
				throw new IllegalArgumentException("parameter '" + name + "' is required");
			}
			return fallback;
		}
		if (value instanceof Number number) {
			return number.intValue();
		}
		try {
			return Integer.valueOf(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, not " + value);
		}
	}

	static boolean boolParameter(DelegateExecution execution, String name, boolean fallback) {
		Object value = execution.getVariable(name);
		return value == null ? fallback : Boolean.parseBoolean(value.toString().trim());
	}

}
