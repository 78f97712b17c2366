package org.openwd.connector.api;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaptureAllTests {

	/** A sink with only the single-item methods: captureAll is the SPI's default. */
	static final class SingleItemSink implements CaptureSink {

		final List<String> captured = new ArrayList<>();

		@Override
		public CaptureResult capture(CapturedItem item) {
			if (item.externalId().startsWith("poison")) {
				throw CaptureException.rejected("type: unknown work type");
			}
			if (item.externalId().startsWith("down")) {
				throw CaptureException.temporaryFailure("database unavailable", null);
			}
			boolean created = !this.captured.contains(item.externalId());
			if (created) {
				this.captured.add(item.externalId());
			}
			return new CaptureResult("task-" + item.externalId(), created);
		}

		@Override
		public ChangeResult update(ItemUpdate update) {
			return ChangeResult.unknownItem();
		}

		@Override
		public ChangeResult cancel(ItemCancel cancel) {
			return ChangeResult.unknownItem();
		}

		@Override
		public ChangeResult complete(ItemCompletion completion) {
			return ChangeResult.unknownItem();
		}

		@Override
		public void reportMalformed(MalformedInput input) {
		}

	}

	private static CapturedItem item(String id) {
		return CapturedItem.builder("crm", id).build();
	}

	@Test
	void answersEveryItemInOrderAndRejectsOnlyThePoisonOne() {
		SingleItemSink sink = new SingleItemSink();

		List<CaptureOutcome> outcomes = sink.captureAll(List.of(item("A"), item("poison-1"), item("B"), item("A")));

		assertThat(outcomes).hasSize(4);
		assertThat(outcomes.get(0).result()).isEqualTo(new CaptureResult("task-A", true));
		assertThat(outcomes.get(1).isCaptured()).isFalse();
		assertThat(outcomes.get(1).failure().retryable()).isFalse();
		assertThat(outcomes.get(2).result()).isEqualTo(new CaptureResult("task-B", true));
		assertThat(outcomes.get(3).result()).isEqualTo(new CaptureResult("task-A", false));
		assertThat(sink.captured).containsExactly("A", "B");
	}

	@Test
	void stopsAtTheFirstRetryableFailureSoThatNothingOvertakesIt() {
		SingleItemSink sink = new SingleItemSink();

		List<CaptureOutcome> outcomes = sink.captureAll(List.of(item("A"), item("down-1"), item("B")));

		assertThat(outcomes.get(0).isCaptured()).isTrue();
		assertThat(outcomes.get(1).failure().retryable()).isTrue();
		assertThat(outcomes.get(2).failure()).isSameAs(outcomes.get(1).failure());
		assertThat(sink.captured).containsExactly("A");
	}

	@Test
	void anOutcomeIsEitherAResultOrAFailure() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CaptureOutcome(null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CaptureOutcome(new CaptureResult("T", true), CaptureException.rejected("x")));
	}

}
