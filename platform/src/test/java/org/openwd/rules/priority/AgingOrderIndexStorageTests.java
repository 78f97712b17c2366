package org.openwd.rules.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.rules.priority.PriorityFixtures.EMAIL;
import static org.openwd.rules.priority.PriorityFixtures.at;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The index keeps tasks in a compact form: what goes in comes back equal, SLA instants outside the nanosecond range
 * still order and move exactly, and attachments travel with their task.
 */
class AgingOrderIndexStorageTests {

	final AgingOrderIndex index = new AgingOrderIndex();

	AgingOrderIndexStorageTests() {
		index.replacePolicy("email", EMAIL);
	}

	@Test
	void givesBackEachSubjectEqualToTheOneAdded() {
		List<PrioritySubject> subjects = List.of(
				PrioritySubject.queued(new UUID(-1, Long.MIN_VALUE), at("09:00:00").plusNanos(1)),
				PrioritySubject.queued(new UUID(3, 4), at("09:00:00")).withBusinessValue(0),
				PrioritySubject.queued(new UUID(5, 6), at("09:00:00")).withBusinessValue(1000).withPinned(true)
					.withSupervisorBoost(-3).withSla(at("10:00:00").plusNanos(7), at("11:00:00"))
					.withCampaign(new CampaignBoost("flood", 5, at("12:00:00"))),
				PrioritySubject.queued(new UUID(7, 8), at("09:00:00")).withSla(Instant.parse("1000-01-01T00:00:00Z"),
						Instant.parse("+100000-01-01T00:00:00.5Z")),
				PrioritySubject.queued(new UUID(9, 10), at("09:00:00")).withSla(null, Instant.MAX));
		subjects.forEach(subject -> index.add("email", subject));
		index.best(at("09:30:00"));

		for (PrioritySubject subject : subjects) {
			assertThat(index.get(subject.taskId())).contains(subject);
			assertThat(index.entry(subject.taskId(), at("09:30:00")).orElseThrow().subject()).isEqualTo(subject);
		}
		assertThat(index.get(new UUID(3, 4)).orElseThrow().businessValue()).isZero();
		assertThat(index.get(new UUID(-1, Long.MIN_VALUE)).orElseThrow().businessValue()).isNull();
	}

	@Test
	void ordersTasksWithoutABusinessValueAsValueZero() {
		index.replacePolicy("weighted", EMAIL.withValueWeight(1));
		index.add("weighted", PrioritySubject.queued(new UUID(0, 1), at("09:00:00")));
		index.add("weighted", PrioritySubject.queued(new UUID(0, 2), at("09:00:00")).withBusinessValue(0));
		index.add("weighted", PrioritySubject.queued(new UUID(0, 3), at("09:00:01")).withBusinessValue(1));

		assertThat(index.top(at("09:00:01"), 3)).extracting(AgingOrderIndex.Entry::taskId)
			.containsExactly(new UUID(0, 3), new UUID(0, 1), new UUID(0, 2));
		assertThat(index.top(at("09:00:01"), 3)).extracting(entry -> entry.rank().points()).containsExactly(11L, 10L, 10L);
	}

	@Test
	void putsAnSlaFromLongAgoInTheOverdueTierAndOneFarAheadInTheNormalTier() {
		index.add("email", PrioritySubject.queued(new UUID(0, 1), at("09:00:00")).withSupervisorBoost(1_000));
		index.add("email", PrioritySubject.queued(new UUID(0, 2), at("09:00:00"))
			.withSla(null, Instant.parse("1000-01-01T00:00:00Z")));
		index.add("email", PrioritySubject.queued(new UUID(0, 3), at("09:00:00"))
			.withSla(Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("3000-01-02T00:00:00Z")));

		assertThat(index.top(at("09:30:00"), 3)).extracting(entry -> entry.rank().sla())
			.containsExactly(SlaStage.OVERDUE, SlaStage.NORMAL, SlaStage.NORMAL);
		assertThat(index.best(at("09:30:00"))).map(AgingOrderIndex.Entry::taskId).contains(new UUID(0, 2));
		assertThat(index.remove(new UUID(0, 2))).isTrue();
		assertThat(index.best(at("09:30:00"))).map(AgingOrderIndex.Entry::taskId).contains(new UUID(0, 1));
	}

	@Test
	void walksWithAttachmentsAndWaitingTimesInTheSameOrderAsWithSubjects() {
		for (int i = 0; i < 20; i++) {
			index.add("email", PrioritySubject.queued(new UUID(0, i), at("09:00:00").plusSeconds(i)).withBusinessValue(i % 4),
					"task-" + i);
		}
		List<Long> waited = new ArrayList<>();

		List<UUID> ids = index.topIds(at("09:10:00"), 5, (attachment, waitingNanos) -> {
			waited.add(waitingNanos);
			return !attachment.equals("task-0");
		});

		assertThat(ids).isEqualTo(index.top(at("09:10:00"), 5, subject -> !subject.taskId().equals(new UUID(0, 0))).stream()
			.map(AgingOrderIndex.Entry::taskId).toList());
		assertThat(index.attachment(ids.get(0))).isEqualTo("task-" + ids.get(0).getLeastSignificantBits());
		assertThat(index.bestId(at("09:10:00"), (attachment, waitingNanos) -> false)).isEmpty();
		assertThat(waited).contains(AgingOrderIndex.instantOfNanos(waited.get(0)).getEpochSecond() * 1_000_000_000L);
		assertThat(index.waitingSinceNanos(new UUID(0, 3))).isEqualTo(at("09:00:03").getEpochSecond() * 1_000_000_000L);
		assertThat(index.attachment(new UUID(9, 9))).isNull();
	}

}
