package org.openwd.rules.internal.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The classification table runs on a FEEL engine that parses each expression once. It must decide exactly as Camunda's
 * stock DMN engine does: the shipped table is evaluated by both over a grid of inputs, including nulls and values no
 * rule names.
 */
class ClassificationDecisionTests {

	static String shippedTable() throws IOException {
		try (InputStream in = ClassificationDecisionTests.class.getClassLoader().getResourceAsStream("openwd/dmn/classification.dmn")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void decidesExactlyAsCamundasStockDmnEngineForEveryCombinationOfInputs() throws IOException {
		String xml = shippedTable();
		ClassificationDecision cached = ClassificationDecision.parse(xml);
		DmnEngine stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		DmnDecision reference = stock.parseDecision(ClassificationDecision.KEY,
				new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		int matched = 0;
		int combinations = 0;
		for (Map<String, Object> inputs : grid()) {
			Optional<Map<String, Object>> ours = cached.evaluate(inputs);
			DmnDecisionResult theirs = stock.evaluateDecision(reference, Variables.fromMap(inputs));
			Optional<Map<String, Object>> expected = theirs.isEmpty() ? Optional.empty()
					: Optional.of(new LinkedHashMap<>(theirs.getFirstResult().getEntryMap()));
			assertThat(ours).as("inputs %s", inputs).isEqualTo(expected);
			matched += ours.isPresent() ? 1 : 0;
			combinations++;
		}
		assertThat(matched).as("the grid reaches the table's rules").isGreaterThan(combinations / 4);
	}

	@Test
	void evaluatingTheSameTableAgainGivesTheSameAnswer() throws IOException {
		ClassificationDecision decision = ClassificationDecision.parse(shippedTable());
		Map<String, Object> gold = inputs("crm", "claim", "gold", "email", 25_000.0);
		Optional<Map<String, Object>> first = decision.evaluate(gold);
		assertThat(first).isPresent();
		for (int i = 0; i < 50; i++) {
			assertThat(decision.evaluate(gold)).isEqualTo(first);
		}
		assertThat(first.get()).containsEntry("routingProfile", "claims-priority");
	}

	static List<Map<String, Object>> grid() {
		List<Map<String, Object>> all = new ArrayList<>();
		String[] sources = { "crm", "erp", "scan", null };
		String[] types = { "claim", "invoice", "complaint", "document", "email", "service", "unknown", null };
		String[] segments = { "gold", "silver", "standard", null };
		String[] channels = { "email", "letter", "phone", null };
		Double[] amounts = { null, 0.0, 999.0, 5_000.0, 10_000.0, 250_000.0 };
		for (String source : sources) {
			for (String type : types) {
				for (String segment : segments) {
					for (String channel : channels) {
						for (Double amount : amounts) {
							all.add(inputs(source, type, segment, channel, amount));
						}
					}
				}
			}
		}
		return all;
	}

	static Map<String, Object> inputs(String source, String type, String segment, String channel, Double amount) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("sourceSystem", source);
		inputs.put("type", type);
		inputs.put("customerSegment", segment);
		inputs.put("customerId", "C-1");
		inputs.put("businessValue", null);
		inputs.put("department", null);
		inputs.put("process", null);
		inputs.put("channel", channel);
		inputs.put("amount", amount);
		inputs.put("attributes", Map.of("channel", channel == null ? "" : channel));
		return inputs;
	}

}
