package org.openwd.task;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskSnapshotTests {

	private static final Instant DUE = Instant.parse("2026-12-01T12:00:00Z");

	@Test
	void aCompletionAtOrBeforeTheDueTimeIsWithinItAndOneAfterIsNot() {
		TaskSnapshot task = dueAt(DUE);

		assertThat(task.withinDueAt(DUE.minusSeconds(1))).isTrue();
		assertThat(task.withinDueAt(DUE)).isTrue();
		assertThat(task.withinDueAt(DUE.plusMillis(1))).isFalse();
	}

	@Test
	void aTaskWithoutADueTimeIsAlwaysWithinIt() {
		assertThat(dueAt(null).withinDueAt(DUE.plusSeconds(86_400))).isTrue();
	}

	private static TaskSnapshot dueAt(Instant due) {
		Instant created = DUE.minusSeconds(3_600);
		return new TaskSnapshot(new TaskId(UUID.randomUUID()), "crm", "EXT-1", "claim", "title", null, null, null, null, created,
				created, null, due, null, null, Set.of(), Map.of(), TaskState.QUEUED, null, null, 1, null, null, null, created,
				null, null, null, created, false, 0, null, null, null);
	}

}
