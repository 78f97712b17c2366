package org.openwd.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.task.GlobalTaskList;
import org.openwd.task.NewTask;
import org.openwd.task.OpenAssignment;
import org.openwd.task.QueuedTaskView;
import org.openwd.task.TaskCapture;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.RuleFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start-up read of the queued tasks (one JDBC pass over a dozen columns) sees each queued task exactly as the full
 * task read through JPA does: the same priority inputs, skills, personal employee, fixed cascade step, waiting time;
 * and only queued tasks. The one-query read of everyone's open assignments matches the per-employee read.
 */
class QueuedTaskRebuildIT extends IntegrationTest {

	@Autowired
	QueuedTaskRebuild rebuild;

	@Autowired
	TaskCapture capture;

	@Autowired
	GlobalTaskList tasks;

	String suffix;

	Set<String> skills;

	/** A routing profile and a rule sending type rebuild-<suffix> to it with skills nobody has (so the tasks stay queued). */
	@BeforeEach
	void work() throws Exception {
		suffix = UUID.randomUUID().toString().substring(0, 8);
		skills = Set.of("Rebuild-" + suffix, "second-" + suffix);
		String profile = "rebuild-" + suffix;
		Map<String, Object> definition = Map.of("name", profile, "priority",
				Map.of("start", 10, "increment", 1, "interval", "PT1M", "max", 50, "valueWeight", 1), "sla",
				Map.of("duration", "PT8H", "warningBefore", "PT1H"), "calendar", "24x7", "offerTimeout", "PT30S",
				"targets", List.of(Map.of("skills", "*", "waitBeforeWidening", "PT1H"), Map.of("skills", "*")), "channel", "case",
				"autoAccept", false);
		Api.Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + profile))
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(definition))), Map.of("Content-Type", "application/json"));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
		RuleFixtures.deployWith(api, RuleFixtures.rule(RuleFixtures.ruleId("Rule_R", suffix), "rebuild-" + suffix, profile,
				"Rebuild-" + suffix + ",second-" + suffix, "rebuild-" + suffix));
	}

	@Test
	void readsEveryQueuedTaskOnceWithWhatTheFullTaskSays() {
		Instant due = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		TaskSnapshot personal = capture(suffix, "personal", skills, 70, due, "cust-" + suffix,
				Map.of("personalEmployee", "it-agent2", "note", "x".repeat(300)));
		TaskSnapshot numeric = capture(suffix, "numeric", skills, null, null, null, Map.of("personalEmployee", 4711));
		TaskSnapshot plain = capture(suffix, "plain", skills, 5, null, null,
				Map.of("other", "personalEmployee is only mentioned in a value"));
		TaskSnapshot pinned = capture(suffix, "pinned", skills, 10, due, null, Map.of());
		TaskSnapshot held = capture(suffix, "held", skills, 10, due, null, Map.of());
		assertThat(List.of(personal, numeric, plain, pinned, held)).extracting(TaskSnapshot::state).containsOnly(TaskState.QUEUED);
		tasks.retarget(personal.id(), 1, "fixed step", "supervisor");
		tasks.retarget(numeric.id(), TaskSnapshot.ALL_WITH_SKILLS, "everyone with the skills", "supervisor");
		tasks.prioritize(pinned.id(), true, 250, "urgent", "supervisor");
		tasks.hold(held.id(), "not queued", "supervisor");

		Map<UUID, QueuedTaskView> read = new HashMap<>();
		List<Integer> batchSizes = new ArrayList<>();
		long count = rebuild.read(batch -> {
			batchSizes.add(batch.size());
			batch.forEach(view -> assertThat(read.put(view.id().value(), view)).as("read once: %s", view.id()).isNull());
		});

		assertThat(count).isEqualTo(read.size()).isEqualTo(batchSizes.stream().mapToLong(Integer::longValue).sum());
		assertThat(batchSizes).allMatch(size -> size <= QueuedTaskRebuild.BATCH_SIZE);
		assertThat(read).doesNotContainKey(held.id().value());
		for (TaskSnapshot task : List.of(personal, numeric, plain, pinned)) {
			TaskSnapshot now = tasks.find(task.id()).orElseThrow();
			assertThat(read.get(task.id().value())).as(task.externalId()).isEqualTo(QueuedTaskView.of(now));
		}
		QueuedTaskView personalView = read.get(personal.id().value());
		assertThat(personalView.personalEmployee()).isEqualTo("it-agent2");
		assertThat(personalView.targetStep()).isEqualTo(1);
		assertThat(personalView.requiredSkills()).containsExactlyInAnyOrderElementsOf(skills);
		assertThat(personalView.waitingSince()).isNotNull();
		assertThat(read.get(numeric.id().value()).personalEmployee()).isEqualTo("4711");
		assertThat(read.get(numeric.id().value()).targetStep()).isEqualTo(TaskSnapshot.ALL_WITH_SKILLS);
		assertThat(read.get(plain.id().value()).personalEmployee()).isNull();
		assertThat(read.get(pinned.id().value()).priorityPinned()).isTrue();
		assertThat(read.get(pinned.id().value()).priorityBoost()).isEqualTo(250);
	}

	@Test
	void readsEveryonesOpenAssignmentsInOneQueryAsThePerEmployeeReadDoes() {
		TaskSnapshot offered = capture(suffix, "offered", skills, 1, null, null, Map.of());
		TaskSnapshot assigned = capture(suffix, "assigned", skills, 1, null, null, Map.of());
		Instant expires = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		String employee = "rebuild-" + suffix;
		tasks.offer(offered.id(), employee, expires, "system");
		tasks.assign(assigned.id(), employee, "supervisor");

		List<OpenAssignment> all = tasks.openAssignments();

		Map<TaskId, OpenAssignment> mine = all.stream().filter(a -> employee.equals(a.employee()))
			.collect(Collectors.toMap(OpenAssignment::id, a -> a));
		assertThat(mine).containsOnlyKeys(offered.id(), assigned.id());
		assertThat(mine.get(offered.id()).state()).isEqualTo(TaskState.OFFERED);
		assertThat(mine.get(offered.id()).offerExpiresAt()).isEqualTo(expires);
		assertThat(mine.get(assigned.id()).state()).isEqualTo(TaskState.ASSIGNED);
		assertThat(mine.get(assigned.id()).offerExpiresAt()).isNull();
		for (String someone : all.stream().map(OpenAssignment::employee).collect(Collectors.toSet())) {
			assertThat(all.stream().filter(a -> someone.equals(a.employee())).map(OpenAssignment::id))
				.as(someone)
				.containsExactlyInAnyOrderElementsOf(tasks.openAssignments(someone).stream().map(TaskSnapshot::id).toList());
		}
		tasks.complete(assigned.id(), "done", employee);
		tasks.expireOffer(offered.id());
	}

	TaskSnapshot capture(String suffix, String name, Set<String> skills, Integer value, Instant due, String customer,
			Map<String, Object> attributes) {
		return capture.capture(new NewTask("rebuild-it", name + "-" + suffix, "rebuild-" + suffix, "Rebuild " + name, null,
				customer, null, value, null, null, due, "rebuild-" + suffix, null, skills, new LinkedHashMap<>(attributes)),
				"connector").task();
	}

}
