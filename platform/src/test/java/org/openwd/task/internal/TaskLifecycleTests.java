package org.openwd.task.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.openwd.task.IllegalTaskTransitionException;
import org.openwd.task.NewTask;
import org.openwd.task.TaskAction;
import org.openwd.task.TaskClassifier.Classification;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;

/** Every verb against every state: legal ones move the task and write history, illegal ones name the current state. */
class TaskLifecycleTests {

	static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	static final Classification CLASSIFIED = new Classification.Classified("claims", "water", 10, Set.of("claims"), null, null, "claims",
			"test-v1");

	/** A verb, the states it is legal in, and the state it leads to. */
	record Verb(TaskAction action, Set<TaskState> from, TaskState to, Consumer<Task> apply) {

		@Override
		public String toString() {
			return action.name();
		}

	}

	static final List<Verb> VERBS = List.of(
			new Verb(TaskAction.CLASSIFY, EnumSet.of(TaskState.CAPTURED), TaskState.QUEUED, t -> t.classify(CLASSIFIED, NOW, "system")),
			new Verb(TaskAction.ACTIVATE, EnumSet.of(TaskState.SCHEDULED), TaskState.QUEUED, t -> t.activate(NOW, "system")),
			new Verb(TaskAction.OFFER, EnumSet.of(TaskState.QUEUED), TaskState.OFFERED,
					t -> t.offer("ann", NOW.plusSeconds(30), NOW, "system")),
			new Verb(TaskAction.ACCEPT, EnumSet.of(TaskState.OFFERED), TaskState.ASSIGNED, t -> t.accept("ann", NOW)),
			new Verb(TaskAction.DECLINE, EnumSet.of(TaskState.OFFERED), TaskState.QUEUED, t -> t.decline("busy", NOW, "ann")),
			new Verb(TaskAction.EXPIRE, EnumSet.of(TaskState.OFFERED), TaskState.QUEUED, t -> t.expireOffer(NOW)),
			new Verb(TaskAction.ASSIGN, EnumSet.of(TaskState.QUEUED, TaskState.OFFERED, TaskState.ASSIGNED), TaskState.ASSIGNED,
					t -> t.assign("ann", NOW, "sue")),
			new Verb(TaskAction.RETURN_TO_QUEUE, EnumSet.of(TaskState.ASSIGNED), TaskState.QUEUED,
					t -> t.returnToQueue("wrong skill", NOW, "ann")),
			new Verb(TaskAction.COMPLETE, EnumSet.of(TaskState.ASSIGNED), TaskState.COMPLETED, t -> t.complete("done", NOW, "ann")),
			new Verb(TaskAction.COMPLETE_FROM_SOURCE, TaskState.open(), TaskState.COMPLETED,
					t -> t.completeFromSource("paid", "by phone", NOW, "crm")),
			new Verb(TaskAction.CANCEL, TaskState.open(), TaskState.CANCELED, t -> t.cancel("duplicate", NOW, "crm")),
			new Verb(TaskAction.REJECT, TaskState.open(), TaskState.REJECTED, t -> t.reject("invalid", NOW, "crm")),
			new Verb(TaskAction.HOLD, EnumSet.of(TaskState.CAPTURED, TaskState.SCHEDULED, TaskState.QUEUED, TaskState.OFFERED,
					TaskState.ASSIGNED), TaskState.HELD, t -> t.hold("customer asked", NOW, "sue")),
			new Verb(TaskAction.RESUME, EnumSet.of(TaskState.HELD), TaskState.QUEUED, t -> t.resume(NOW, "sue")),
			new Verb(TaskAction.RESTART, EnumSet.of(TaskState.HELD, TaskState.ERROR_HELD, TaskState.COMPLETED, TaskState.CANCELED,
					TaskState.REJECTED), TaskState.CAPTURED, t -> t.restart("reopened", NOW, "sue")),
			new Verb(TaskAction.PRIORITIZE, TaskState.open(), null, t -> t.prioritize(true, 5, "vip", NOW, "sue")),
			new Verb(TaskAction.RETARGET, TaskState.open(), null, t -> t.retarget(-1, "overdue", NOW, "escalation")),
			new Verb(TaskAction.REROUTE, TaskState.open(), null, t -> t.reroute("billing", "moved", NOW, "escalation")),
			new Verb(TaskAction.ESCALATE, TaskState.open(), null,
					t -> t.recordEscalation("overdue", Map.of("dueTime", "x"), NOW, "escalation")),
			new Verb(TaskAction.DEFER, EnumSet.of(TaskState.ASSIGNED), TaskState.SCHEDULED,
					t -> t.defer(NOW.plusSeconds(600), "customer calls back at ten", NOW, "ann")));

	/** Recipes that bring a fresh task into each state through legal verbs only. */
	static final Map<TaskState, Consumer<Task>> REACH = new EnumMap<>(TaskState.class);

	static {
		REACH.put(TaskState.CAPTURED, t -> {
		});
		REACH.put(TaskState.QUEUED, t -> t.classify(CLASSIFIED, NOW, "system"));
		REACH.put(TaskState.SCHEDULED, t -> {
			t.hold("x", NOW, "sue");
			// a held task with a future activation time resumes into SCHEDULED
		});
		REACH.put(TaskState.OFFERED, REACH.get(TaskState.QUEUED).andThen(t -> t.offer("ann", NOW.plusSeconds(30), NOW, "system")));
		REACH.put(TaskState.ASSIGNED, REACH.get(TaskState.OFFERED).andThen(t -> t.accept("ann", NOW)));
		REACH.put(TaskState.HELD, REACH.get(TaskState.QUEUED).andThen(t -> t.hold("x", NOW, "sue")));
		REACH.put(TaskState.ERROR_HELD, t -> t.classify(new Classification.Unclassifiable("no rule", "test-v1"), NOW, "system"));
		REACH.put(TaskState.COMPLETED, REACH.get(TaskState.ASSIGNED).andThen(t -> t.complete("done", NOW, "ann")));
		REACH.put(TaskState.CANCELED, t -> t.cancel("x", NOW, "crm"));
		REACH.put(TaskState.REJECTED, t -> t.reject("x", NOW, "crm"));
	}

	static Task taskIn(TaskState state) {
		Task task;
		if (state == TaskState.SCHEDULED) {
			task = Task.capture(UUID.randomUUID(), newTask(NOW.plusSeconds(3600)), NOW, "crm");
			task.classify(CLASSIFIED, NOW, "system");
		}
		else {
			task = Task.capture(UUID.randomUUID(), newTask(null), NOW, "crm");
			REACH.get(state).accept(task);
		}
		assertThat(task.state()).isEqualTo(state);
		task.drainNewHistory();
		task.discardPendingEvents();
		return task;
	}

	static NewTask newTask(Instant activation) {
		return new NewTask("crm", "CASE-1", "claim", "Water damage", null, "C-9", "gold", 5, null, activation, null, null, null,
				Set.of(), Map.of("amount", 1200));
	}

	static Stream<Arguments> everyVerbInEveryState() {
		return VERBS.stream().flatMap(verb -> Stream.of(TaskState.values()).map(state -> Arguments.of(verb, state)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("everyVerbInEveryState")
	void appliesLegalVerbsAndRefusesIllegalOnesNamingTheCurrentState(Verb verb, TaskState state) {
		Task task = taskIn(state);
		if (verb.from().contains(state)) {
			verb.apply().accept(task);
			TaskState expected = verb.to() == null ? state : verb.to();
			assertThat(task.state()).isEqualTo(expected);
			List<TaskHistoryEntry> history = task.drainNewHistory();
			assertThat(history).hasSize(1);
			assertThat(history.get(0).action()).isEqualTo(verb.action());
			assertThat(history.get(0).fromState()).isEqualTo(state);
			assertThat(history.get(0).toState()).isEqualTo(expected);
			assertThat(history.get(0).at()).isEqualTo(NOW);
			if (verb.to() == null) {
				return;
			}
			assertThat(task.pendingEvents()).singleElement()
				.isInstanceOfSatisfying(TaskStateChanged.class, event -> {
					assertThat(event.from()).isEqualTo(state);
					assertThat(event.to()).isEqualTo(expected);
					assertThat(event.action()).isEqualTo(verb.action());
				});
		}
		else {
			assertThatThrownBy(() -> verb.apply().accept(task)).isInstanceOf(IllegalTaskTransitionException.class)
				.hasMessageContaining("is " + state)
				.satisfies(ex -> assertThat(((IllegalTaskTransitionException) ex).current()).isEqualTo(state));
			assertThat(task.state()).isEqualTo(state);
			assertThat(task.drainNewHistory()).isEmpty();
			assertThat(task.pendingEvents()).isEmpty();
		}
	}

	@Test
	void capturingRecordsTheFirstHistoryEntryAndEvent() {
		Task task = Task.capture(UUID.randomUUID(), newTask(null), NOW, "crm");
		assertThat(task.state()).isEqualTo(TaskState.CAPTURED);
		assertThat(task.drainNewHistory()).singleElement().satisfies(entry -> {
			assertThat(entry.seq()).isEqualTo(1);
			assertThat(entry.fromState()).isNull();
			assertThat(entry.toState()).isEqualTo(TaskState.CAPTURED);
			assertThat(entry.actor()).isEqualTo("crm");
		});
	}

	@Test
	void aTaskWithAFutureActivationTimeIsScheduledAndResumesIntoSchedule() {
		Task task = Task.capture(UUID.randomUUID(), newTask(NOW.plusSeconds(60)), NOW, "crm");
		task.classify(CLASSIFIED, NOW, "system");
		assertThat(task.state()).isEqualTo(TaskState.SCHEDULED);
		task.hold("wait", NOW, "sue");
		task.resume(NOW.plusSeconds(10), "sue");
		assertThat(task.state()).isEqualTo(TaskState.SCHEDULED);
		task.activate(NOW.plusSeconds(60), "system");
		assertThat(task.state()).isEqualTo(TaskState.QUEUED);
	}

	@Test
	void anUnclassifiableTaskGoesToErrorHeldWithTheReasonAndCanBeRestarted() {
		Task task = Task.capture(UUID.randomUUID(), newTask(null), NOW, "crm");
		task.classify(new Classification.Unclassifiable("no rule matched type claim", "default-v3"), NOW, "system");
		assertThat(task.state()).isEqualTo(TaskState.ERROR_HELD);
		assertThat(task.stateReason()).isEqualTo("no rule matched type claim");
		task.restart("rules fixed", NOW, "owner");
		task.classify(CLASSIFIED, NOW, "system");
		assertThat(task.state()).isEqualTo(TaskState.QUEUED);
		assertThat(task.stateReason()).isNull();
		assertThat(task.snapshot().classifiedBy()).isEqualTo("test-v1");
	}

	@Test
	void onlyTheOfferedEmployeeCanAccept() {
		Task task = taskIn(TaskState.OFFERED);
		assertThatThrownBy(() -> task.accept("bob", NOW)).isInstanceOf(IllegalTaskTransitionException.class);
		assertThat(task.state()).isEqualTo(TaskState.OFFERED);
	}

	@Test
	void historySequenceNumbersFollowEveryChangeWithoutGaps() {
		Task task = Task.capture(UUID.randomUUID(), newTask(null), NOW, "crm");
		task.classify(CLASSIFIED, NOW, "system");
		task.offer("ann", NOW.plusSeconds(30), NOW, "system");
		task.decline("busy", NOW, "ann");
		task.assign("bob", NOW, "sue");
		task.complete("resolved", NOW, "bob");
		assertThat(task.drainNewHistory()).extracting(TaskHistoryEntry::seq).containsExactly(1, 2, 3, 4, 5, 6);
	}

	@Test
	void updatesMergeAttributesRemoveNullKeysAndRecordOnlyRealChanges() {
		Task task = taskIn(TaskState.QUEUED);
		java.util.HashMap<String, Object> attributes = new java.util.HashMap<>();
		attributes.put("amount", null);
		attributes.put("channel", "email");
		Set<String> changed = task.update(new TaskChanges(null, null, null, 7, null, null, attributes), NOW, "crm");
		assertThat(changed).containsExactlyInAnyOrder("businessValue", "attributes");
		assertThat(task.snapshot().attributes()).containsExactly(Map.entry("channel", "email"));
		assertThat(task.drainNewHistory()).singleElement().satisfies(entry -> {
			assertThat(entry.action()).isEqualTo(TaskAction.UPDATE);
			assertThat(entry.fromState()).isEqualTo(TaskState.QUEUED);
			assertThat(entry.toState()).isEqualTo(TaskState.QUEUED);
		});
		assertThat(task.update(new TaskChanges(null, null, null, 7, null, null, null), NOW, "crm")).isEmpty();
		assertThat(task.drainNewHistory()).isEmpty();
	}

	@Test
	void closedTasksRefuseUpdates() {
		Task task = taskIn(TaskState.CANCELED);
		assertThatThrownBy(() -> task.update(new TaskChanges("new", null, null, null, null, null, null), NOW, "crm"))
			.isInstanceOf(IllegalTaskTransitionException.class)
			.hasMessageContaining("is CANCELED");
	}

}
