package org.openwd.connector.testkit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ChangeResult.Outcome;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemCompletion;
import org.openwd.connector.api.ItemUpdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RecordingSinkTests {

	private final RecordingSink sink = new RecordingSink();

	@Test
	void capturesEachKeyOnceLikeThePlatform() {
		assertThat(this.sink.capture(CapturedItem.builder("crm", "A").title("one").build()).created()).isTrue();
		assertThat(this.sink.capture(CapturedItem.builder("crm", "A").title("changed").build()).created()).isFalse();
		assertThat(this.sink.capture(CapturedItem.builder("erp", "A").build()).created()).isTrue();

		assertThat(this.sink.tasks()).hasSize(2);
		assertThat(this.sink.task("crm", "A").orElseThrow().title()).isEqualTo("one");
	}

	@Test
	void answersChangesWithThePlatformsOutcomes() {
		this.sink.capture(CapturedItem.builder("crm", "A").title("one").build());

		assertThat(this.sink.update(ItemUpdate.builder("crm", "A").title("two").build()).outcome()).isEqualTo(Outcome.APPLIED);
		assertThat(this.sink.update(ItemUpdate.builder("crm", "A").title("two").build()).outcome()).isEqualTo(Outcome.UNCHANGED);
		assertThat(this.sink.update(ItemUpdate.builder("crm", "B").title("x").build()).outcome()).isEqualTo(Outcome.UNKNOWN_ITEM);
		assertThat(this.sink.cancel(new ItemCancel("crm", "A", "gone")).outcome()).isEqualTo(Outcome.APPLIED);
		assertThat(this.sink.cancel(new ItemCancel("crm", "A", "gone")).outcome()).isEqualTo(Outcome.UNCHANGED);
		assertThat(this.sink.complete(new ItemCompletion("crm", "A", "done")).outcome()).isEqualTo(Outcome.TASK_CLOSED);
		assertThat(this.sink.update(ItemUpdate.builder("crm", "A").title("three").build()).outcome())
			.isEqualTo(Outcome.TASK_CLOSED);
	}

	@Test
	void failsTheNextCallOnRequestWithoutCommitting() {
		this.sink.failNextCallWith(CaptureException.temporaryFailure("db down", null));

		assertThatThrownBy(() -> this.sink.capture(CapturedItem.builder("crm", "A").build()))
			.isInstanceOf(CaptureException.class);
		assertThat(this.sink.tasks()).isEmpty();
		assertThat(this.sink.capture(CapturedItem.builder("crm", "A").build()).created()).isTrue();
	}

	@Test
	void countsEveryCallAfterTheSourceClosedAsAViolation() {
		this.sink.sourceClosed();

		assertThatIllegalStateException().isThrownBy(() -> this.sink.capture(CapturedItem.builder("crm", "A").build()));
		assertThat(this.sink.violations()).isEqualTo(1);
	}

	@Test
	void theContractCatchesASourceThatDeliversAfterClose() {
		QueueSource leaky = new QueueSource(true);
		leaky.start(this.sink);
		leaky.close();
		this.sink.sourceClosed();
		leaky.queue.add("capture;late;after close");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.sink.violations() > 0);
	}

}
