package org.openwd.connector.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapturedItemTests {

	private static final Instant ACTIVATION = Instant.parse("2025-03-01T08:00:00Z");

	private static final Instant DUE = Instant.parse("2025-03-03T17:00:00Z");

	@Test
	void carriesEveryFieldSetOnTheBuilder() {
		CapturedItem item = CapturedItem.builder("crm", "CASE-1")
			.type("complaint")
			.title("Invoice disputed")
			.description("Customer says invoice 118 is wrong")
			.customerId("C-1001")
			.customerSegment("gold")
			.businessValue(500)
			.activationTime(ACTIVATION)
			.dueTime(DUE)
			.department("billing")
			.process("disputes")
			.requiredSkills("billing", "german")
			.attribute("channel", "email")
			.build();

		assertThat(item).isEqualTo(new CapturedItem("crm", "CASE-1", "complaint", "Invoice disputed",
				"Customer says invoice 118 is wrong", "C-1001", "gold", 500, ACTIVATION, DUE, "billing", "disputes",
				Set.of("billing", "german"), Map.of("channel", "email")));
	}

	@Test
	void needsNothingButTheIdentity() {
		CapturedItem item = CapturedItem.builder("crm", "CASE-1").build();

		assertThat(item.sourceSystem()).isEqualTo("crm");
		assertThat(item.externalId()).isEqualTo("CASE-1");
		assertThat(item.title()).isNull();
		assertThat(item.businessValue()).isNull();
		assertThat(item.dueTime()).isNull();
	}

	@Test
	void turnsMissingCollectionsIntoEmptyOnes() {
		CapturedItem item = new CapturedItem("crm", "CASE-1", null, null, null, null, null, null, null, null, null,
				null, null, null);

		assertThat(item.requiredSkills()).isEmpty();
		assertThat(item.attributes()).isEmpty();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\t\n" })
	void rejectsABlankExternalIdNamingTheField(String externalId) {
		assertThatIllegalArgumentException().isThrownBy(() -> CapturedItem.builder("crm", externalId).build())
			.withMessageStartingWith("externalId ");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  " })
	void rejectsABlankSourceSystemNamingTheField(String sourceSystem) {
		assertThatIllegalArgumentException().isThrownBy(() -> CapturedItem.builder(sourceSystem, "CASE-1").build())
			.withMessageStartingWith("sourceSystem ");
	}

	@Test
	void acceptsAnExternalIdOfExactly200Characters() {
		String id = "x".repeat(200);

		assertThat(CapturedItem.builder("crm", id).build().externalId()).isEqualTo(id);
	}

	@Test
	void rejectsAnExternalIdLongerThan200CharactersNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> CapturedItem.builder("crm", "x".repeat(201)).build())
			.withMessage("externalId must be at most 200 characters but has 201");
	}

	@Test
	void rejectsASourceSystemLongerThan100CharactersNamingTheField() {
		assertThat(CapturedItem.builder("s".repeat(100), "CASE-1").build().sourceSystem()).hasSize(100);
		assertThatIllegalArgumentException().isThrownBy(() -> CapturedItem.builder("s".repeat(101), "CASE-1").build())
			.withMessage("sourceSystem must be at most 100 characters but has 101");
	}

	@Test
	void countsCharactersNotUtf16UnitsWhenCheckingLengths() {
		String twoHundredEmoji = "\uD83D\uDCC4".repeat(200);

		assertThat(CapturedItem.builder("crm", twoHundredEmoji).build().externalId()).isEqualTo(twoHundredEmoji);
	}

	@Test
	void copiesCollectionsSoCallersCannotMutateTheItem() {
		Set<String> skills = new HashSet<>(Set.of("billing"));
		List<Object> tags = new ArrayList<>(List.of("urgent"));
		Map<String, Object> attributes = new HashMap<>(Map.of("tags", tags));
		CapturedItem item = CapturedItem.builder("crm", "CASE-1").requiredSkills(skills).attributes(attributes).build();

		skills.add("german");
		attributes.put("channel", "email");
		tags.add("vip");

		assertThat(item.requiredSkills()).containsExactly("billing");
		assertThat(item.attributes()).isEqualTo(Map.of("tags", List.of("urgent")));
	}

	@Test
	void exposesCollectionsThatCannotBeModified() {
		CapturedItem item = CapturedItem.builder("crm", "CASE-1")
			.requiredSkills("billing")
			.attribute("address", Map.of("city", "Berlin"))
			.attribute("tags", List.of("urgent"))
			.build();

		assertThatThrownBy(() -> item.requiredSkills().add("german")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> item.attributes().put("channel", "email"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> nested(item, "address").put("city", "Paris"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> ((List<Object>) item.attributes().get("tags")).add("vip"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void keepsTheOrderInWhichSkillsAndAttributesWereGiven() {
		CapturedItem item = CapturedItem.builder("crm", "CASE-1")
			.requiredSkills("zulu", "alpha", "mike")
			.attribute("z", 1)
			.attribute("a", 2)
			.attribute("m", 3)
			.build();

		assertThat(item.requiredSkills()).containsExactly("zulu", "alpha", "mike");
		assertThat(item.attributes().keySet()).containsExactly("z", "a", "m");
	}

	@Test
	void acceptsEveryKindOfJsonValueIncludingNull() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("empty", null);
		nested.put("list", List.of(1, "two", false, List.of(3.5)));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("text", "email");
		attributes.put("int", 1);
		attributes.put("long", 2L);
		attributes.put("double", 0.5);
		attributes.put("decimal", new BigDecimal("1999.99"));
		attributes.put("big", new BigInteger("123456789012345678901234567890"));
		attributes.put("flag", true);
		attributes.put("nothing", null);
		attributes.put("object", nested);

		CapturedItem item = CapturedItem.builder("crm", "CASE-1").attributes(attributes).build();

		assertThat(item.attributes()).isEqualTo(attributes);
	}

	static Stream<Arguments> valuesThatAreNotJson() {
		return Stream.of(Arguments.of(Instant.EPOCH, "java.time.Instant"),
				Arguments.of(new Object[] { "a" }, "[Ljava.lang.Object;"), Arguments.of(Optional.of("a"), "Optional"),
				Arguments.of(new AtomicInteger(1), "AtomicInteger"), Arguments.of(Set.of("a"), "Set"),
				Arguments.of('c', "java.lang.Character"), Arguments.of(Double.NaN, "NaN"),
				Arguments.of(Double.POSITIVE_INFINITY, "Infinity"));
	}

	@ParameterizedTest
	@MethodSource("valuesThatAreNotJson")
	void rejectsAttributeValuesThatAreNotJsonCompatible(Object value, String explanation) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").attribute("received", value).build())
			.withMessageStartingWith("attributes.received ")
			.withMessageContaining(explanation);
	}

	@Test
	void namesThePathOfANonJsonValueNestedInListsAndMaps() {
		Map<String, Object> customer = Map.of("tags", List.of("vip", Instant.EPOCH));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").attribute("customer", customer).build())
			.withMessageStartingWith("attributes.customer.tags[1] is a java.time.Instant");
	}

	@Test
	void rejectsNestedMapsWithKeysThatAreNotStrings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").attribute("byYear", Map.of(2024, "x")).build())
			.withMessage("attributes.byYear has the key 2024; JSON keys must be strings");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " " })
	void rejectsBlankAttributeKeysNamingTheField(String key) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").attribute(key, "x").build())
			.withMessageStartingWith("attributes ");
	}

	@Test
	void rejectsAttributesThatContainThemselvesInsteadOfOverflowingTheStack() {
		Map<String, Object> loop = new HashMap<>();
		loop.put("self", loop);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").attribute("loop", loop).build())
			.withMessageStartingWith("attributes.loop.self.self")
			.withMessageContaining("nested more than 32 levels");
	}

	@Test
	void rejectsBlankSkillsNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").requiredSkills("billing", " ").build())
			.withMessageStartingWith("requiredSkills ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CapturedItem.builder("crm", "CASE-1").requiredSkills("billing", null).build())
			.withMessageStartingWith("requiredSkills ");
	}

	@Test
	void isEqualToAnItemWithTheSameContent() {
		CapturedItem first = CapturedItem.builder("crm", "CASE-1").title("t").attribute("a", List.of(1)).build();
		CapturedItem second = CapturedItem.builder("crm", "CASE-1").title("t").attribute("a", List.of(1)).build();

		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> nested(CapturedItem item, String key) {
		return (Map<String, Object>) item.attributes().get(key);
	}

}
