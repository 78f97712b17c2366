package org.openwd.connector.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.openwd.connector.api.ChangeResult.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResultsTests {

	@Test
	void aCaptureResultNeedsATaskId() {
		assertThat(new CaptureResult("T-1", true).created()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> new CaptureResult(" ", false))
			.withMessageStartingWith("taskId ");
	}

	@Test
	void namesTheOutcomeOfEachFactory() {
		assertThat(ChangeResult.applied("T-1")).isEqualTo(new ChangeResult("T-1", Outcome.APPLIED));
		assertThat(ChangeResult.unchanged("T-1")).isEqualTo(new ChangeResult("T-1", Outcome.UNCHANGED));
		assertThat(ChangeResult.taskClosed("T-1")).isEqualTo(new ChangeResult("T-1", Outcome.TASK_CLOSED));
		assertThat(ChangeResult.unknownItem()).isEqualTo(new ChangeResult(null, Outcome.UNKNOWN_ITEM));
	}

	@ParameterizedTest
	@EnumSource(value = Outcome.class, names = "UNKNOWN_ITEM", mode = EnumSource.Mode.EXCLUDE)
	void aChangeToAKnownItemNamesItsTask(Outcome outcome) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChangeResult(null, outcome))
			.withMessage("taskId is required when the outcome is " + outcome);
	}

	@Test
	void aChangeToAnUnknownItemHasNoTask() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChangeResult("T-1", Outcome.UNKNOWN_ITEM))
			.withMessageStartingWith("taskId ");
	}

	@Test
	void aChangeResultNeedsAnOutcome() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChangeResult("T-1", null))
			.withMessage("outcome is required");
	}

	@Test
	void aCaptureExceptionSaysWhetherToRetry() {
		IllegalStateException cause = new IllegalStateException("database down");

		CaptureException temporary = CaptureException.temporaryFailure("try again later", cause);
		CaptureException rejected = CaptureException.rejected("type: unknown work type 'x'");

		assertThat(temporary.retryable()).isTrue();
		assertThat(temporary).hasMessage("try again later").hasCause(cause);
		assertThat(rejected.retryable()).isFalse();
		assertThat(rejected).hasMessage("type: unknown work type 'x'").hasNoCause();
	}

}
