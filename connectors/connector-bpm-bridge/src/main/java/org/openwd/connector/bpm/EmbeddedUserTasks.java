package org.openwd.connector.bpm;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;

/** User tasks of a Camunda engine in the same JVM, through its {@link TaskService}. */
final class EmbeddedUserTasks implements UserTasks {

	private final Supplier<TaskService> tasks;

	/** The engine is looked up at each call: the platform creates connectors before its engine is built. */
	EmbeddedUserTasks(Supplier<TaskService> tasks) {
		this.tasks = tasks;
	}

	@Override
	public List<UserTask> active(List<String> processDefinitionKeys, int max) {
		TaskQuery query = this.tasks.get().createTaskQuery().active().orderByTaskCreateTime().asc();
		if (!processDefinitionKeys.isEmpty()) {
			query.processDefinitionKeyIn(processDefinitionKeys.toArray(String[]::new));
		}
		return query.listPage(0, max).stream().map(EmbeddedUserTasks::view).toList();
	}

	@Override
	public Map<String, Object> variables(String taskId, List<String> names) {
		return this.tasks.get().getVariables(taskId, names);
	}

	@Override
	public boolean complete(String taskId, Map<String, Object> variables) {
		TaskService service = this.tasks.get();
		if (service.createTaskQuery().taskId(taskId).singleResult() == null) {
			return false;
		}
		service.complete(taskId, variables);
		return true;
	}

	private static UserTask view(Task t) {
		return new UserTask(t.getId(), t.getName(), t.getDescription(), t.getTaskDefinitionKey(), t.getProcessDefinitionId(),
				t.getProcessInstanceId(), instant(t.getDueDate()), instant(t.getFollowUpDate()), instant(t.getCreateTime()),
				t.getPriority(), t.getAssignee());
	}

	private static java.time.Instant instant(Date date) {
		return date == null ? null : date.toInstant();
	}

}
