package org.openwd.distribution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.openwd.task.GlobalTaskList;
import org.openwd.task.TaskId;
import org.openwd.task.TaskState;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.WorkFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A round of decisions committed together: each decision is checked on its own (presence, capacity counted within
 * the round, the task still queued) under the same locks as a single offer, and the refused ones change nothing.
 */
class OfferRoundIT extends IntegrationTest {

	@Autowired
	OfferWriter writer;

	@Autowired
	GlobalTaskList tasks;

	@Autowired
	Employees employees;

	@Test
	void aRoundCommitsTheDecisionsThatFitAndRefusesEachOtherOneForItsOwnReason() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		// the employees lack the tasks' skill, so the live distributor never offers these tasks on its own
		WorkFixtures work = new WorkFixtures(api, suffix, "round" + suffix);
		String type = work.setUpWork("PT5M", "e2e", false);
		String full = "it-round-full-" + suffix;
		String away = "it-round-away-" + suffix;
		String other = "it-round-other-" + suffix;
		work.employee(full, 1, "e2e", "none" + suffix);
		work.employee(away, 1, "e2e", "none" + suffix);
		work.employee(other, 2, "e2e", "none" + suffix);
		employees.changePresence(full, PresenceState.READY, null, full);
		employees.changePresence(other, PresenceState.READY, null, other);
		employees.changePresence(away, PresenceState.OFFLINE, null, away);
		TaskId first = new TaskId(UUID.fromString(work.capture(type)));
		TaskId second = new TaskId(UUID.fromString(work.capture(type)));
		TaskId third = new TaskId(UUID.fromString(work.capture(type)));
		Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES);

		List<OfferWriter.Result> results = writer.commitAll(List.of(
				new OfferWriter.Decision(first, full, "case", expires, false),
				new OfferWriter.Decision(second, full, "case", expires, false), // capacity 1, already used in this round
				new OfferWriter.Decision(second, away, "case", expires, false), // offline
				new OfferWriter.Decision(first, other, "case", expires, false), // first is offered already
				new OfferWriter.Decision(third, other, "case", expires, true)));

		assertThat(results).extracting(OfferWriter.Result::refusal).containsExactly(null, OfferWriter.Refusal.NO_CAPACITY,
				OfferWriter.Refusal.NOT_READY, OfferWriter.Refusal.TASK_CHANGED, null);
		assertThat(results.get(0).task().state()).isEqualTo(TaskState.OFFERED);
		assertThat(results.get(0).task().offerExpiresAt()).isNotNull();
		assertThat(results.get(4).task().state()).isEqualTo(TaskState.ASSIGNED);
		assertThat(tasks.find(first).orElseThrow().assignedEmployee()).isEqualTo(full);
		assertThat(tasks.find(second).orElseThrow().state()).isEqualTo(TaskState.QUEUED);
		assertThat(tasks.find(third).orElseThrow().assignedEmployee()).isEqualTo(other);
		assertThat(writer.load(full)).containsEntry("case", 1);
		assertThat(writer.loads(List.of(full, other, away))).containsOnlyKeys(full, other);

		for (String person : List.of(full, away, other)) {
			employees.changePresence(person, PresenceState.OFFLINE, null, person);
			api.post("supervisor", "/api/v1/employees/" + person + "/pull-back", java.util.Map.of());
		}
	}

}
