package org.openwd.connector.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClosingAnItemTests {

	@Test
	void cancelsWithOrWithoutAReason() {
		assertThat(new ItemCancel("crm", "CASE-1", "withdrawn").reason()).isEqualTo("withdrawn");
		assertThat(new ItemCancel("crm", "CASE-1", null).reason()).isNull();
	}

	@Test
	void completesWithOrWithoutAnOutcome() {
		assertThat(new ItemCompletion("crm", "CASE-1", "resolved").outcome()).isEqualTo("resolved");
		assertThat(new ItemCompletion("crm", "CASE-1", null).outcome()).isNull();
	}

	@Test
	void rejectsACancelWithoutAnExternalIdNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ItemCancel("crm", "", "withdrawn"))
			.withMessageStartingWith("externalId ");
	}

	@Test
	void rejectsACompletionWithATooLongSourceSystemNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ItemCompletion("s".repeat(101), "CASE-1", null))
			.withMessageStartingWith("sourceSystem ");
	}

}
