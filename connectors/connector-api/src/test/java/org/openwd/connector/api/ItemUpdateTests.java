package org.openwd.connector.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemUpdateTests {

	private static final Instant DUE = Instant.parse("2025-03-05T17:00:00Z");

	@Test
	void carriesOnlyTheChangesThatWereSet() {
		ItemUpdate update = ItemUpdate.builder("crm", "CASE-1").dueTime(DUE).build();

		assertThat(update.dueTime()).isEqualTo(DUE);
		assertThat(update.title()).isNull();
		assertThat(update.description()).isNull();
		assertThat(update.businessValue()).isNull();
		assertThat(update.attributes()).isEmpty();
		assertThat(update.hasChanges()).isTrue();
	}

	@Test
	void saysWhenItChangesNothing() {
		assertThat(ItemUpdate.builder("crm", "CASE-1").build().hasChanges()).isFalse();
		assertThat(ItemUpdate.builder("crm", "CASE-1").removeAttribute("draft").build().hasChanges()).isTrue();
	}

	@Test
	void marksRemovedAttributesWithANullValue() {
		ItemUpdate update = ItemUpdate.builder("crm", "CASE-1")
			.attribute("escalated", true)
			.removeAttribute("draft")
			.attribute("note", null)
			.build();

		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("escalated", true);
		expected.put("draft", null);
		expected.put("note", null);
		assertThat(update.attributes()).isEqualTo(expected);
	}

	@Test
	void copiesAttributesSoCallersCannotMutateTheUpdate() {
		Map<String, Object> attributes = new HashMap<>(Map.of("escalated", true));
		ItemUpdate update = new ItemUpdate("crm", "CASE-1", null, null, null, null, attributes);

		attributes.put("draft", false);

		assertThat(update.attributes()).isEqualTo(Map.of("escalated", true));
		assertThatThrownBy(() -> update.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void rejectsABlankExternalIdNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> ItemUpdate.builder("crm", " ").title("t").build())
			.withMessageStartingWith("externalId ");
	}

	@Test
	void rejectsAMissingSourceSystemNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> ItemUpdate.builder(null, "CASE-1").title("t").build())
			.withMessageStartingWith("sourceSystem ");
	}

	@Test
	void rejectsAttributeValuesThatAreNotJsonCompatible() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ItemUpdate.builder("crm", "CASE-1").attribute("when", Instant.EPOCH).build())
			.withMessageStartingWith("attributes.when is a java.time.Instant");
	}

}
