package org.openwd.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the default escalation model, with the OpenWD actions replaced by recording delegates and the engine's
 * clock under the test's control. The platform's own tests run the same model against the real actions.
 */
@Deployment(resources = "openwd/bpmn/escalation-default.bpmn")
class DefaultEscalationProcessTest {

	static final String PROCESS = "openwd-escalation";

	static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	/** One call of an action: which element called it and the parameters it saw. */
	record Call(String action, String activity, Map<String, Object> parameters) {
	}

	static final List<Call> calls = new ArrayList<>();

	/** What {@code loadTask} reports as the task's state. */
	static String taskState = "QUEUED";

	@RegisterExtension
	static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine()).build();

	static ProcessEngine engine() {
		StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
		config.setJdbcUrl("jdbc:h2:mem:escalation-process-test;DB_CLOSE_DELAY=1000");
		config.setJobExecutorActivate(false);
		config.setHistory("audit");
		config.setEnforceHistoryTimeToLive(false);
		Map<Object, Object> beans = new HashMap<>();
		for (String action : List.of("raisePriority", "notifySupervisors", "markOverdue", "widenTarget")) {
			beans.put(action, recorder(action));
		}
		beans.put("loadTask", (JavaDelegate) execution -> {
			calls.add(new Call("loadTask", execution.getCurrentActivityId(), Map.of()));
			execution.setVariable("taskState", taskState);
		});
		config.setBeans(beans);
		return config.buildProcessEngine();
	}

	static JavaDelegate recorder(String action) {
		return execution -> {
			Map<String, Object> parameters = new HashMap<>();
			for (String name : List.of("boost", "reason", "stage", "message", "to")) {
				if (execution.hasVariableLocal(name)) {
					parameters.put(name, execution.getVariableLocal(name));
				}
			}
			calls.add(new Call(action, execution.getCurrentActivityId(), parameters));
		};
	}

	@BeforeEach
	void freezeTime() {
		ClockUtil.setCurrentTime(Date.from(NOW));
		calls.clear();
		taskState = "QUEUED";
	}

	@AfterEach
	void resetTime() {
		ClockUtil.reset();
	}

	ProcessInstance start(Instant warningAt, Instant dueAt) {
		String taskId = UUID.randomUUID().toString();
		return runtimeService().startProcessInstanceByKey(PROCESS, taskId, Variables.createVariables()
			.putValue("taskId", taskId)
			.putValue("slaWarningAt", warningAt == null ? null : Date.from(warningAt))
			.putValue("dueTime", Date.from(dueAt))
			.putValue("calendar", "standard"));
	}

	static void passTime(Job timer) {
		ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1_000));
		execute(timer);
	}

	List<String> actions() {
		return calls.stream().map(c -> c.activity() + ":" + c.action()).toList();
	}

	@Test
	void raisesPriorityAndNotifiesAtTheWarningThreshold() {
		ProcessInstance instance = start(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));

		assertThat(instance).isWaitingAt("Timer_SlaWarning");
		assertThat(job(instance).getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(1))));
		assertThat(calls).isEmpty();

		passTime(job(instance));

		assertThat(actions()).containsExactly("Task_RaisePriority:raisePriority", "Task_NotifyWarning:notifySupervisors");
		assertThat(calls.get(0).parameters()).containsEntry("boost", "50");
		assertThat(calls.get(1).parameters()).containsEntry("stage", "warning");
		assertThat(instance).isWaitingAt("Timer_SlaBreach");
		assertThat(job(instance).getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(2))));
	}

	@Test
	void marksOverdueWidensAndAlertsAtTheDueTime() {
		ProcessInstance instance = start(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));
		passTime(job(instance));
		calls.clear();

		passTime(job(instance));

		assertThat(actions()).containsExactly("Task_MarkOverdue:markOverdue", "Task_WidenTarget:widenTarget",
				"Task_NotifyBreach:notifySupervisors");
		assertThat(calls.get(1).parameters()).containsEntry("to", "all");
		assertThat(calls.get(2).parameters()).containsEntry("stage", "overdue");
		assertThat(instance).isWaitingAt("Timer_ReviewDelay");
		Date breachedAt = ClockUtil.getCurrentTime();
		assertThat(job(instance).getDuedate()).isEqualTo(new Date(breachedAt.getTime() + Duration.ofHours(2).toMillis()));
	}

	@Test
	void opensASupervisorReviewWhenNobodyTookTheTask() {
		ProcessInstance instance = start(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));
		passTime(job(instance));
		passTime(job(instance));

		passTime(job(instance));

		assertThat(instance).isWaitingAt("UserTask_SupervisorReview");
		assertThat(task(instance)).hasCandidateGroup("SUPERVISOR");
		taskService().complete(task(instance).getId());
		assertThat(instance).hasPassed("EndEvent_Reviewed").isEnded();
	}

	@Test
	void endsWithoutReviewWhenSomeoneWorksOnTheTask() {
		ProcessInstance instance = start(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));
		passTime(job(instance));
		passTime(job(instance));
		taskState = "ASSIGNED";

		passTime(job(instance));

		assertThat(instance).hasPassed("Task_LoadTask", "EndEvent_Handled").hasNotPassed("UserTask_SupervisorReview").isEnded();
	}

	@Test
	void goesStraightToTheDueTimeWhenTheProfileHasNoWarning() {
		ProcessInstance instance = start(null, NOW.plus(Duration.ofHours(3)));

		assertThat(instance).isWaitingAt("Timer_SlaBreach").hasNotPassed("Timer_SlaWarning");
		assertThat(job(instance).getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(3))));
	}

	@Test
	void aWarningTimeAlreadyPastFiresAtOnce() {
		ProcessInstance instance = start(NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofHours(1)));

		assertThat(instance).isWaitingAt("Timer_SlaWarning");
		assertThat(job(instance).getDuedate()).isBefore(ClockUtil.getCurrentTime());
		execute(job(instance));
		assertThat(instance).isWaitingAt("Timer_SlaBreach");
	}

	@Test
	void endsWhenTheTaskIsClosedBeforeAnyEscalation() {
		ProcessInstance instance = start(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));

		runtimeService().createMessageCorrelation("openwd.task.closed").processInstanceBusinessKey(instance.getBusinessKey())
			.correlateAll();

		assertThat(instance).hasPassed("StartEvent_TaskClosed", "EndEvent_TaskClosed").isEnded();
		assertThat(calls).isEmpty();
	}

	@Test
	void endsAndWithdrawsTheReviewWhenTheTaskIsClosedDuringIt() {
		ProcessInstance instance = start(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)));
		passTime(job(instance));
		passTime(job(instance));
		passTime(job(instance));
		assertThat(instance).isWaitingAt("UserTask_SupervisorReview");

		runtimeService().createMessageCorrelation("openwd.task.closed").processInstanceBusinessKey(instance.getBusinessKey())
			.correlateAll();

		assertThat(instance).hasPassed("EndEvent_TaskClosed").hasNotPassed("EndEvent_Reviewed").isEnded();
		assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
	}

}
