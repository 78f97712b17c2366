package org.openwd.connector.bpm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.ConnectorContractTest;

/**
 * The connector contract for the BPM bridge, whichever way it reads the engine ({@link #userTasks()}): the test drives
 * a real Camunda 7 engine through its Java API, as the process's own users would. Starting a process creates the user
 * task, renaming it is an update, deleting the process instance is a cancel. The process has a first user task
 * {@code Task_Review} named {@code ${title}}; the source maps the variable {@code caseId} as the external id and
 * {@code due} (dd.MM.yyyy) as the due time.
 */
abstract class UserTaskSourceContract extends ConnectorContractTest {

	/** The engine the test drives; shared by the subclass's tests. */
	protected abstract ProcessEngine engine();

	/** The key of the deployed process. */
	protected abstract String process();

	/** How the source under test reads the engine. */
	protected abstract UserTasks userTasks();

	/** Every contract test starts with no user tasks: the engine is shared, and the kit's sinks are not. */
	@BeforeEach
	void noUserTasks() {
		engine().getRuntimeService().createProcessInstanceQuery().list()
			.forEach(process -> engine().getRuntimeService().deleteProcessInstance(process.getId(), "clean-up"));
	}

	@Override
	protected ConnectorSource newSource() {
		return new CamundaUserTaskSource("bpm-contract", userTasks(), List.of(process()), List.of("caseId", "due"),
				ItemMapping.of("bpm", Map.of("externalId", "var.caseId", "title", "name", "type", "taskDefinitionKey", "dueTime",
						"var.due | date:dd.MM.yyyy")),
				Duration.ofMillis(50), Clock.systemUTC());
	}

	@Override
	protected String sourceSystem() {
		return "bpm";
	}

	@Override
	protected void sendCapture(String externalId, String title) {
		engine().getRuntimeService().startProcessInstanceByKey(process(), externalId, Map.of("caseId", externalId, "title", title));
	}

	/** The one active user task of the process started for this external id (its business key). */
	protected Task task(String externalId) {
		return engine().getTaskService().createTaskQuery().processInstanceBusinessKey(externalId).singleResult();
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) {
		Task task = task(externalId);
		task.setName(newTitle);
		engine().getTaskService().saveTask(task);
	}

	@Override
	protected void sendCancel(String externalId, String reason) {
		engine().getRuntimeService().deleteProcessInstance(task(externalId).getProcessInstanceId(), reason);
	}

	@Override
	protected void sendMalformed(String marker) {
		engine().getRuntimeService().startProcessInstanceByKey(process(), marker,
				Map.of("caseId", marker, "title", "bad due", "due", "someday"));
	}

}
