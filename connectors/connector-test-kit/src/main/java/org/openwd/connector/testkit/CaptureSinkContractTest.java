package org.openwd.connector.testkit;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureOutcome;
import org.openwd.connector.api.CaptureResult;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link CaptureSink#captureAll}, as one abstract JUnit 5 test that every sink implementation extends
 * (the kit's {@link RecordingSink}, the platform's sink): nothing is lost (every good item is held after the call
 * returned), nothing is doubled (a key repeated within a batch, across batches, or between a single capture and a
 * batch is one task), a bad item is rejected on its own, and outcomes come in the order of the items. Every test uses
 * fresh external ids, so stores may be shared between tests.
 */
public abstract class CaptureSinkContractTest {

	/** The sink under test; the same instance for every call of one test. */
	protected abstract CaptureSink sink();

	/** The source system of the items the test captures. */
	protected abstract String sourceSystem();

	/** An item the sink will reject for good (e.g. one without a work type), with this external id. */
	protected abstract CapturedItem rejectedItem(String externalId);

	/** Whether the sink's store durably holds a task for the key (read back independently of the sink's answers). */
	protected abstract boolean holds(String sourceSystem, String externalId);

	/** A good item with this external id. Default: type {@code claim}, a title. */
	protected CapturedItem item(String externalId) {
		return CapturedItem.builder(sourceSystem(), externalId).type("claim").title("batch item " + externalId).build();
	}

	private static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void capturesEveryItemOfABatchOnceAlsoWhenAKeyRepeatsWithinIt() {
		String a = newId("a");
		String b = newId("b");

		List<CaptureOutcome> outcomes = sink().captureAll(List.of(item(a), item(b), item(a)));

		assertThat(outcomes).hasSize(3).allSatisfy(outcome -> assertThat(outcome.isCaptured()).isTrue());
		CaptureResult first = outcomes.get(0).result();
		assertThat(first.created()).isTrue();
		assertThat(outcomes.get(1).result().created()).isTrue();
		assertThat(outcomes.get(1).result().taskId()).isNotEqualTo(first.taskId());
		assertThat(outcomes.get(2).result()).isEqualTo(new CaptureResult(first.taskId(), false));
		assertThat(holds(sourceSystem(), a)).isTrue();
		assertThat(holds(sourceSystem(), b)).isTrue();
	}

	@Test
	void answersARedeliveredBatchWithTheTasksItCapturedBefore() {
		String a = newId("a");
		String b = newId("b");
		String c = newId("c");
		List<CaptureOutcome> first = sink().captureAll(List.of(item(a), item(b)));

		List<CaptureOutcome> again = sink().captureAll(List.of(item(b), item(a), item(c)));

		assertThat(again.get(0).result()).isEqualTo(new CaptureResult(first.get(1).result().taskId(), false));
		assertThat(again.get(1).result()).isEqualTo(new CaptureResult(first.get(0).result().taskId(), false));
		assertThat(again.get(2).result().created()).isTrue();
		assertThat(sink().capture(item(c))).isEqualTo(new CaptureResult(again.get(2).result().taskId(), false));
	}

	@Test
	void aBatchRecognisesAnItemCapturedOnItsOwn() {
		String single = newId("single");
		CaptureResult captured = sink().capture(item(single));

		List<CaptureOutcome> outcomes = sink().captureAll(List.of(item(single)));

		assertThat(outcomes).singleElement()
			.satisfies(outcome -> assertThat(outcome.result()).isEqualTo(new CaptureResult(captured.taskId(), false)));
	}

	@Test
	void rejectsABadItemOnItsOwnAndCapturesTheOthers() {
		String before = newId("good");
		String bad = newId("bad");
		String after = newId("good");

		List<CaptureOutcome> outcomes = sink().captureAll(List.of(item(before), rejectedItem(bad), item(after)));

		assertThat(outcomes).hasSize(3);
		assertThat(outcomes.get(0).isCaptured()).isTrue();
		assertThat(outcomes.get(1).isCaptured()).isFalse();
		assertThat(outcomes.get(1).failure().retryable()).as("a bad item is poison, not a passing failure").isFalse();
		assertThat(outcomes.get(1).failure().getMessage()).isNotBlank();
		assertThat(outcomes.get(2).isCaptured()).isTrue();
		assertThat(holds(sourceSystem(), before)).isTrue();
		assertThat(holds(sourceSystem(), after)).isTrue();
		assertThat(holds(sourceSystem(), bad)).isFalse();
	}

	@Test
	void answersAnEmptyBatchWithNoOutcomes() {
		assertThat(sink().captureAll(List.of())).isEmpty();
	}

}
