package org.openwd.rules.internal.dmn;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A parsed classification decision table (Camunda's standalone DMN engine, FEEL). Parsing happens once per version;
 * evaluation is in memory, writes nothing and is thread-safe.
 */
public final class ClassificationDecision {

	/** The decision key every classification table must define. */
	public static final String KEY = "classification";

	/** Output columns the platform understands. */
	public static final List<String> OUTPUTS = List.of("routingProfile", "department", "process", "businessValue",
			"requiredSkills", "sla");

	private static final DmnEngine ENGINE = ((org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration) DmnEngineConfiguration
		.createDefaultDmnEngineConfiguration()).feelEngineFactory(CachingFeelEngine.factory()).buildEngine();

	private static final org.camunda.feel.api.FeelEngineApi FEEL = org.camunda.feel.api.FeelEngineBuilder.forJava().build();

	private final DmnDecision decision;

	private final java.util.Set<String> routingProfiles;

	private ClassificationDecision(DmnDecision decision, java.util.Set<String> routingProfiles) {
		this.decision = decision;
		this.routingProfiles = routingProfiles;
	}

	/** The routing profiles the table's rules name (literal values of the routingProfile column). */
	public java.util.Set<String> routingProfiles() {
		return routingProfiles;
	}

	/**
	 * Parses and checks a DMN document.
	 * @throws InvalidDecisionException with the parser's message, or naming what the table lacks
	 */
	public static ClassificationDecision parse(String xml) {
		DmnDecision decision;
		try {
			decision = ENGINE.parseDecision(KEY, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			throw new InvalidDecisionException(ex.getMessage());
		}
		if (!decision.isDecisionTable()) {
			throw new InvalidDecisionException("Decision '" + KEY + "' must be a decision table");
		}
		List<String> outputs = new ArrayList<>();
		for (DmnDecisionTableOutputImpl output : ((DmnDecisionTableImpl) decision.getDecisionLogic()).getOutputs()) {
			outputs.add(output.getOutputName());
		}
		if (!outputs.contains("routingProfile")) {
			throw new InvalidDecisionException("The decision table needs an output column named 'routingProfile'; it has "
					+ outputs);
		}
		List<String> unknown = outputs.stream().filter(name -> !OUTPUTS.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new InvalidDecisionException("Unknown output column(s) " + unknown + "; allowed: " + OUTPUTS);
		}
		return new ClassificationDecision(decision, checkExpressions(xml));
	}

	/**
	 * Parses every FEEL cell now, so a syntax error is refused at deployment instead of failing tasks later; returns the
	 * routing-profile literals of the table.
	 */
	private static java.util.Set<String> checkExpressions(String xml) {
		org.camunda.bpm.model.dmn.DmnModelInstance model = org.camunda.bpm.model.dmn.Dmn
			.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		List<String> problems = new ArrayList<>();
		java.util.Set<String> profiles = new java.util.TreeSet<>();
		for (org.camunda.bpm.model.dmn.instance.Decision decision : model
			.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)) {
			if (!KEY.equals(decision.getId())) {
				continue;
			}
			for (org.camunda.bpm.model.dmn.instance.DecisionTable table : decision
				.getChildElementsByType(org.camunda.bpm.model.dmn.instance.DecisionTable.class)) {
				List<org.camunda.bpm.model.dmn.instance.Output> outputs = new ArrayList<>(table.getOutputs());
				for (org.camunda.bpm.model.dmn.instance.Rule rule : table.getRules()) {
					int i = 0;
					for (org.camunda.bpm.model.dmn.instance.InputEntry entry : rule.getInputEntries()) {
						i++;
						String text = entry.getTextContent().trim();
						org.camunda.feel.api.ParseResult parsed = FEEL.parseUnaryTests(text.isEmpty() ? "-" : text);
						if (parsed.isFailure()) {
							problems.add("rule %s, input %d '%s': %s".formatted(rule.getId(), i, text, parsed.failure().message()));
						}
					}
					int o = 0;
					for (org.camunda.bpm.model.dmn.instance.OutputEntry entry : rule.getOutputEntries()) {
						String text = entry.getTextContent().trim();
						String name = o < outputs.size() ? outputs.get(o).getName() : "?";
						o++;
						if (text.isEmpty()) {
							continue;
						}
						org.camunda.feel.api.ParseResult parsed = FEEL.parseExpression(text);
						if (parsed.isFailure()) {
							problems.add("rule %s, output %s '%s': %s".formatted(rule.getId(), name, text, parsed.failure().message()));
						}
						else if ("routingProfile".equals(name) && text.matches("\"[^\"]*\"")) {
							profiles.add(text.substring(1, text.length() - 1));
						}
					}
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidDecisionException(String.join("; ", problems));
		}
		return java.util.Collections.unmodifiableSet(profiles);
	}

	/** Evaluates the table; empty when no rule matched. Evaluation errors surface as runtime exceptions. */
	public java.util.Optional<Map<String, Object>> evaluate(Map<String, Object> inputs) {
		VariableMap variables = Variables.createVariables();
		variables.putAll(inputs);
		DmnDecisionResult result = ENGINE.evaluateDecision(decision, variables);
		if (result.isEmpty()) {
			return java.util.Optional.empty();
		}
		DmnDecisionResultEntries first = result.getFirstResult();
		return java.util.Optional.of(new LinkedHashMap<>(first.getEntryMap()));
	}

	/** A DMN document that cannot serve as the classification table. Answered as 400. */
	public static class InvalidDecisionException extends RuntimeException {

		public InvalidDecisionException(String message) {
			super(message);
		}

	}

}
