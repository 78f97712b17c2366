package org.openwd.escalation.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.task.GlobalTaskList;
import org.openwd.task.NewTask;
import org.openwd.task.TaskCapture;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskStateChanged;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Bridges BPMN user tasks and the global task list: when an escalation reaches a user task (e.g. the supervisor
 * review), an OpenWD task of type {@code escalation-review} (source {@code escalation}, external id = the engine's
 * task id) is captured in the same transaction; classification routes it to the supervisors. Completing, canceling
 * or rejecting that OpenWD task completes the user task; a user task that the engine withdraws (the watched task was
 * closed) cancels its OpenWD task.
 */
@Component
class SupervisorReviews {

	private static final Logger log = LoggerFactory.getLogger(SupervisorReviews.class);

	static final String REVIEW_TASK_VARIABLE = "openwdReviewTaskId";

	private final TaskCapture capture;

	private final GlobalTaskList tasks;

	private final ObjectProvider<TaskService> taskService;

	private final EscalationProperties properties;

	private final ApplicationEventPublisher events;

	SupervisorReviews(TaskCapture capture, GlobalTaskList tasks, ObjectProvider<TaskService> taskService,
			EscalationProperties properties, ApplicationEventPublisher events) {
		this.events = events;
		this.capture = capture;
		this.tasks = tasks;
		this.taskService = taskService;
		this.properties = properties;
	}

	BpmnParseListener parseListener() {
		TaskListener opened = this::opened;
		TaskListener withdrawn = this::withdrawn;
		return new AbstractBpmnParseListener() {
			@Override
			public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
					behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, opened);
					behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, withdrawn);
				}
			}
		};
	}

	/** A user task was created: capture its OpenWD task (idempotent on the engine's task id). */
	void opened(DelegateTask userTask) {
		String watched = userTask.getExecution().getProcessBusinessKey();
		Optional<TaskSnapshot> original = watched == null ? Optional.empty()
				: tasks.find(new TaskId(UUID.fromString(watched)));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("escalatedTaskId", watched);
		attributes.put("escalationInstance", userTask.getProcessInstanceId());
		attributes.put("escalationElement", userTask.getTaskDefinitionKey());
		String title = original.map(t -> userTask.getName() + ": " + t.title()).orElse(userTask.getName());
		String description = userTask.getDescription() != null ? userTask.getDescription()
				: "Escalated task " + watched + " needs a supervisor's decision.";
		NewTask review = new NewTask(EscalationProperties.SOURCE, userTask.getId(), properties.reviewType(),
				title == null ? "Supervisor review" : title, description, original.map(TaskSnapshot::customerId).orElse(null),
				original.map(TaskSnapshot::customerSegment).orElse(null), original.map(TaskSnapshot::businessValue).orElse(null),
				null, null, null, original.map(TaskSnapshot::department).orElse(null), null, Set.of(), attributes);
		TaskSnapshot captured = capture.capture(review, EscalationProperties.ACTOR).task();
		userTask.setVariableLocal(REVIEW_TASK_VARIABLE, captured.id().toString());
		log.debug("User task {} of escalation {} is OpenWD task {}", userTask.getId(), userTask.getProcessInstanceId(),
				captured.id());
	}

	/** The engine withdrew the user task (the escalation ended another way): cancel its OpenWD task if still open. */
	void withdrawn(DelegateTask userTask) {
		Object id = userTask.getVariableLocal(REVIEW_TASK_VARIABLE);
		if (id == null) {
			return;
		}
		TaskId review = new TaskId(UUID.fromString(id.toString()));
		tasks.find(review).filter(t -> !t.state().isTerminal())
			.ifPresent(t -> tasks.cancel(review, "escalation ended: " + userTask.getDeleteReason(), EscalationProperties.ACTOR));
	}

	/** An OpenWD review task was closed: complete its user task (nothing when the engine already withdrew it). */
	/**
	 * Picks the closes of review tasks out of all task changes, in the publishing transaction, and passes them on as
	 * {@link ReviewClosed}: only those get a row in the publication registry, not every change of every task.
	 */
	@EventListener
	void select(TaskStateChanged event) {
		if (!EscalationProperties.SOURCE.equals(event.sourceSystem()) || !event.to().isTerminal()
				|| EscalationProperties.ACTOR.equals(event.actor()) && event.reason() != null
						&& event.reason().startsWith("escalation ended")) {
			return;
		}
		events.publishEvent(new ReviewClosed(event));
	}

	/** A review task was closed by a person: its BPMN user task completes. */
	record ReviewClosed(TaskStateChanged change) {
	}

	@ApplicationModuleListener
	void on(ReviewClosed closed) {
		TaskStateChanged event = closed.change();
		TaskService engineTasks = taskService.getObject();
		if (engineTasks.createTaskQuery().taskId(event.externalId()).count() == 0) {
			return;
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("reviewOutcome", event.to().name());
		variables.put("reviewedBy", event.actor());
		if (event.reason() != null) {
			variables.put("reviewNote", event.reason());
		}
		engineTasks.complete(event.externalId(), variables);
	}

}
