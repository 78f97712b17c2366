package org.openwd.connector.bpm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.openwd.connector.testkit.RecordingSink.State;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.RecordingSink;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poll by poll, what the source makes of reads that a running engine can give. The engine answers the task list and
 * the task's variables in two reads; a process deleted between them shows the task with its variables already gone.
 * The contract tests against a real engine hit that window only now and then, so these tests replay it read by read.
 */
class CamundaUserTaskSourceTests {

	private final ScriptedUserTasks engine = new ScriptedUserTasks();

	private final RecordingSink sink = new RecordingSink();

	private final CamundaUserTaskSource source = new CamundaUserTaskSource("bpm-unit", this.engine, List.of("review"),
			List.of("caseId"), ItemMapping.of("bpm", Map.of("externalId", "var.caseId", "title", "name", "type",
					"taskDefinitionKey")),
			Duration.ofHours(1), Clock.systemUTC());

	@Test
	void aTaskWhoseProcessEndsWhileItsVariablesAreReadIsStillCanceledAndNotReportedMalformed() {
		this.engine.poll(task("t1"), Map.of("caseId", "case-1"));
		this.source.pollOnce(this.sink);
		this.engine.poll(task("t1"), Map.of());
		this.source.pollOnce(this.sink);
		this.engine.poll(null, null);
		this.source.pollOnce(this.sink);

		assertThat(this.sink.task("bpm", "case-1").orElseThrow().state()).isEqualTo(State.CANCELED);
		assertThat(this.sink.malformed()).isEmpty();
	}

	@Test
	void aCapturedTaskWhoseVariablesStopMappingIsReportedOnceAndCanceledWhenItEnds() {
		this.engine.poll(task("t1"), Map.of("caseId", "case-2"));
		this.source.pollOnce(this.sink);
		for (int i = 0; i < 4; i++) {
			this.engine.poll(task("t1"), Map.of());
			this.source.pollOnce(this.sink);
		}
		this.engine.poll(null, null);
		this.source.pollOnce(this.sink);

		assertThat(this.sink.malformed()).hasSize(1);
		assertThat(this.sink.malformed().get(0).location()).isEqualTo("user task t1");
		assertThat(this.sink.task("bpm", "case-2").orElseThrow().state()).isEqualTo(State.CANCELED);
	}

	@Test
	void aTaskMalformedFromTheStartIsReportedOnceAndNothingIsCanceledWhenItEnds() {
		for (int i = 0; i < 3; i++) {
			this.engine.poll(task("t1"), Map.of());
			this.source.pollOnce(this.sink);
		}
		this.engine.poll(null, null);
		this.source.pollOnce(this.sink);

		assertThat(this.sink.malformed()).hasSize(1);
		assertThat(this.sink.tasks()).isEmpty();
		assertThat(this.sink.log()).noneMatch(call -> call.startsWith("cancel"));
	}

	private static UserTasks.UserTask task(String id) {
		return new UserTasks.UserTask(id, "Review", null, "Task_Review", "review:1", "pi-" + id, null, null,
				Instant.parse("2026-12-01T08:00:00Z"), 50, null);
	}

	/** Answers each poll's two reads from a script: the task list (one task or none), then that task's variables. */
	private static final class ScriptedUserTasks implements UserTasks {

		private final Deque<UserTask> tasks = new ArrayDeque<>();

		private Map<String, Object> variables = Map.of();

		void poll(UserTask task, Map<String, Object> variables) {
			this.tasks.clear();
			if (task != null) {
				this.tasks.add(task);
			}
			this.variables = variables;
		}

		@Override
		public List<UserTask> active(List<String> processDefinitionKeys, int max) {
			return List.copyOf(this.tasks);
		}

		@Override
		public Map<String, Object> variables(String taskId, List<String> names) {
			return this.variables;
		}

		@Override
		public boolean complete(String taskId, Map<String, Object> variables) {
			return false;
		}

	}

}
