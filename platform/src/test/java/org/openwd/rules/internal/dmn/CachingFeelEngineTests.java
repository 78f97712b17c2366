package org.openwd.rules.internal.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every cell answers as Camunda's own FEEL engine answers, whether it takes the remembered path or plain FEEL. */
class CachingFeelEngineTests {

	static final FeelEngine STOCK = new ScalaFeelEngineFactory().createInstance();

	static final List<Object> INPUTS = Arrays.asList(null, "gold", "a", "b", "", 5000.0, 10000.0, 10001.0, 3, 1.0, 5.0,
			-2L, "5000", true);

	final FeelEngine cached = CachingFeelEngine.factory().createInstance();

	@ParameterizedTest
	@ValueSource(strings = { "-", "\"gold\"", "\"a\",\"b\"", "> 10000", ">= 5000.5", "< 3", "<= -2", "[1..5]", "]1..5[",
			"(1..5)", "5000", "\"gold\", > 10000", "not(\"gold\")", "null", "true" })
	void unaryTestsAnswerAsCamundasEngineDoesForEveryInputTwice(String test) {
		for (int round = 0; round < 2; round++) {
			for (Object input : INPUTS) {
				VariableContext context = Variables.createVariables().putValue("cellInput", input).asVariableContext();
				assertThat(outcome(() -> cached.evaluateSimpleUnaryTests(test, "cellInput", context)))
					.as("%s against %s", test, input)
					.isEqualTo(outcome(() -> STOCK.evaluateSimpleUnaryTests(test, "cellInput", context)));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"claims-priority\"", "80", "12.5", "true", "null", "type", "amount", "amount * 2",
			"if amount > 100 then \"big\" else \"small\"", "missing" })
	void expressionsAnswerAsCamundasEngineDoes(String expression) {
		List<Object> seen = new ArrayList<>();
		for (Object amount : Arrays.asList(null, 50.0, 500.0)) {
			VariableContext context = Variables.createVariables().putValue("type", "claim").putValue("amount", amount)
				.asVariableContext();
			Object ours = outcome(() -> cached.evaluateSimpleExpression(expression, context));
			assertThat(ours).as("%s with amount %s", expression, amount)
				.isEqualTo(outcome(() -> STOCK.evaluateSimpleExpression(expression, context)));
			seen.add(ours);
		}
		assertThat(seen).hasSize(3);
	}

	/** The value, or the kind of failure: both engines must fail alike. */
	static Object outcome(java.util.function.Supplier<Object> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return "failed";
		}
	}

}
