package org.openwd.escalation.internal;

import java.util.List;
import java.util.Optional;

/**
 * The OpenWD actions an escalation model may call, as service tasks with {@code camunda:delegateExpression="${name}"}.
 * Parameters are the service task's input parameters ({@code camunda:inputOutput}). docs/escalation.md documents the
 * same list; {@code ActionCatalogueTests} keeps both and the delegate beans in step.
 */
final class ActionCatalogue {

	/** One action: its delegate name, what it does and its parameters. */
	record Action(String name, String description, List<Parameter> parameters) {
	}

	/** One input parameter of an action. */
	record Parameter(String name, boolean required, String description) {
	}

	static final List<Action> ACTIONS = List.of(
			new Action("raisePriority", "Adds to the task's priority boost (keeps a pin).",
					List.of(new Parameter("boost", false, "how much to add, default 20 (may be negative)"),
							new Parameter("reason", false, "recorded in the history"))),
			new Action("setPriority", "Replaces the task's priority override.",
					List.of(new Parameter("boost", true, "the new boost"),
							new Parameter("pinned", false, "true pins the task above unpinned work, default false"),
							new Parameter("reason", false, "recorded in the history"))),
			new Action("widenTarget", "Widens who may take the task.",
					List.of(new Parameter("to", false,
							"all (everyone with the required skills, default), last (the cascade's widest step) or next"))),
			new Action("narrowTarget", "Narrows who may take the task.",
					List.of(new Parameter("to", false,
							"first (the cascade's first step, default), previous, or cascade (widen with waiting time again)"))),
			new Action("moveToProfile", "Moves the task to another routing profile (queue); its due times stay.",
					List.of(new Parameter("profile", true, "name of an existing routing profile"),
							new Parameter("reason", false, "recorded in the history"))),
			new Action("notifySupervisors",
					"Tells the supervisors: a message on the live channel (/topic/supervisors) and an AMQP event "
							+ "escalation.<stage> on the exchange openwd.events; recorded in the history.",
					List.of(new Parameter("stage", false, "e.g. warning or overdue, default notice"),
							new Parameter("message", false, "text for the supervisors"))),
			new Action("markOverdue", "Records that the task is overdue (escalation stage overdue, history entry).", List.of()),
			new Action("holdTask", "Holds the task (nobody is offered it until someone resumes it).",
					List.of(new Parameter("reason", false, "why, shown on the task"))),
			new Action("cancelTask", "Cancels the task (this ends the escalation too).",
					List.of(new Parameter("reason", false, "why, shown on the task"))),
			new Action("createFollowUpTask",
					"Captures a follow-up task (source escalation, one per task and model element); sets the variable "
							+ "followUpTaskId.",
					List.of(new Parameter("type", true, "the new task's type (classification applies)"),
							new Parameter("title", false, "default: Follow-up: <title>"),
							new Parameter("description", false, "the new task's description"))),
			new Action("loadTask",
					"Reads the task into process variables: taskState, assignedEmployee, escalationStage, priorityBoost.",
					List.of()));

	private ActionCatalogue() {
	}

	static Optional<Action> find(String name) {
		return ACTIONS.stream().filter(a -> a.name().equals(name)).findFirst();
	}

	static List<String> names() {
		return ACTIONS.stream().map(Action::name).toList();
	}

}
