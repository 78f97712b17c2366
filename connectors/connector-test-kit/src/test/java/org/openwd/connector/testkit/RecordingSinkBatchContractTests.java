package org.openwd.connector.testkit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CaptureOutcome;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recording sink keeps the batch capture contract, and its failure injection works per batch and per item. */
class RecordingSinkBatchContractTests extends CaptureSinkContractTest {

	private final RecordingSink sink = new RecordingSink();

	@Override
	protected CaptureSink sink() {
		return this.sink;
	}

	@Override
	protected String sourceSystem() {
		return "crm";
	}

	@Override
	protected CapturedItem rejectedItem(String externalId) {
		this.sink.rejectCapturesOf(externalId, "type: unknown work type");
		return item(externalId);
	}

	@Override
	protected boolean holds(String sourceSystem, String externalId) {
		return this.sink.task(sourceSystem, externalId).isPresent();
	}

	@Test
	void aQueuedRetryableFailureFailsTheWholeBatchAndCommitsNothing() {
		this.sink.failNextCallWith(CaptureException.temporaryFailure("db down", null));

		assertThatThrownBy(() -> this.sink.captureAll(List.of(item("A"), item("B")))).isInstanceOf(CaptureException.class);
		assertThat(this.sink.tasks()).isEmpty();
		assertThat(this.sink.log()).containsExactly("capture A failed: db down", "capture B failed: db down");
		assertThat(this.sink.captureAll(List.of(item("A"), item("B")))).allMatch(CaptureOutcome::isCaptured);
		assertThat(this.sink.batchCalls()).isEqualTo(2);
		assertThat(this.sink.largestBatch()).isEqualTo(2);
	}

	@Test
	void aQueuedRejectionRejectsOneItemOfTheBatch() {
		this.sink.failNextCallWith(CaptureException.rejected("type: unknown work type"));

		List<CaptureOutcome> outcomes = this.sink.captureAll(List.of(item("A"), item("B")));

		assertThat(outcomes.get(0).failure().retryable()).isFalse();
		assertThat(outcomes.get(1).isCaptured()).isTrue();
		assertThat(this.sink.task("crm", "A")).isEmpty();
	}

	@Test
	void aRejectedKeyIsRejectedByASingleCaptureToo() {
		this.sink.rejectCapturesOf("P", "type: unknown work type");

		assertThatThrownBy(() -> this.sink.capture(item("P"))).isInstanceOfSatisfying(CaptureException.class,
				ex -> assertThat(ex.retryable()).isFalse());
		assertThat(this.sink.rejectionsOf("P")).isEqualTo(1);
		assertThat(this.sink.log()).containsExactly("capture P failed: type: unknown work type");
	}

}
