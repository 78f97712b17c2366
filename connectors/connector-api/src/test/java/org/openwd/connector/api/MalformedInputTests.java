package org.openwd.connector.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MalformedInputTests {

	@Test
	void keepsAShortExcerptAsItIs() {
		MalformedInput input = new MalformedInput("crm", "cases.csv:17", "expected 6 columns, got 4", "a;b;c;d");

		assertThat(input.rawExcerpt()).isEqualTo("a;b;c;d");
	}

	@Test
	void needsNoExcerpt() {
		assertThat(new MalformedInput("crm", "msg-1", "not JSON", null).rawExcerpt()).isNull();
	}

	@Test
	void cutsALongExcerptInsteadOfRejectingTheReport() {
		MalformedInput input = new MalformedInput("crm", "msg-1", "not JSON", "x".repeat(5000));

		assertThat(input.rawExcerpt()).isEqualTo("x".repeat(MalformedInput.MAX_EXCERPT_LENGTH));
	}

	@Test
	void neverCutsACharacterInHalf() {
		String emoji = "\uD83D\uDCC4";

		MalformedInput input = new MalformedInput("crm", "msg-1", "not JSON", emoji.repeat(3000));

		assertThat(input.rawExcerpt()).isEqualTo(emoji.repeat(MalformedInput.MAX_EXCERPT_LENGTH));
	}

	@Test
	void needsALocationSoSomeoneCanFindTheInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MalformedInput("crm", " ", "not JSON", null))
			.withMessageStartingWith("location ");
	}

	@Test
	void needsAReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MalformedInput("crm", "msg-1", null, null))
			.withMessageStartingWith("reason ");
	}

	@Test
	void needsASourceSystem() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MalformedInput("", "msg-1", "not JSON", null))
			.withMessageStartingWith("sourceSystem ");
	}

}
