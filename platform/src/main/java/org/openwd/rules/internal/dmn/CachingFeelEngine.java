package org.openwd.rules.internal.dmn;

import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * The FEEL engine of the classification table: the same FEEL implementation Camunda's DMN engine uses (feel-scala), made
 * cheap enough for the capture path. Camunda's {@code ScalaFeelEngine} parses every cell again at each evaluation, and
 * feel-scala builds its whole library of built-in functions for every evaluation; together they cost milliseconds per
 * task. Here:
 * <ul>
 * <li>every expression and unary test is parsed once;</li>
 * <li>a cell that can only depend on its input (literals, comparisons, ranges, lists of those, {@code -}) remembers
 * FEEL's answer per input value, and an output that is a literal remembers its value: FEEL still decides, once;</li>
 * <li>an input expression that is a plain variable name holding a string, a boolean or nothing reads the variable.</li>
 * </ul>
 * {@code ClassificationDecisionTests} checks that the answers equal those of Camunda's stock engine. Caffeine bounds the
 * caches.
 */
final class CachingFeelEngine implements FeelEngine {

	private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

	private final Cache<String, ParsedExpression> expressions = Caffeine.newBuilder().maximumSize(20_000).build();

	private final Cache<String, ParsedExpression> unaryTests = Caffeine.newBuilder().maximumSize(20_000).build();

	private final Cache<String, Boolean> unaryAnswers = Caffeine.newBuilder().maximumSize(100_000).build();

	private final Cache<String, java.util.Optional<Object>> literalValues = Caffeine.newBuilder().maximumSize(20_000).build();

	private static final String STRING = "\"[^\"\\\\]*\"";

	private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";

	/** A literal, a comparison with one ({@code >= 10000}), or a range of numbers ({@code [1..5[}). */
	private static final String TEST = "(?:(?:[<>]=?\\s*)?(?:" + STRING + "|" + NUMBER + ")|[\\[\\]\\(]\\s*" + NUMBER
			+ "\\s*\\.\\.\\s*" + NUMBER + "\\s*[\\[\\]\\)])";

	/** Literals, comparisons and ranges of literals, and lists of them: the answer depends on the input alone. */
	private static final java.util.regex.Pattern INPUT_ONLY = java.util.regex.Pattern
		.compile("\\s*(?:-|" + TEST + "(?:\\s*,\\s*" + TEST + ")*)\\s*");

	private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern
		.compile("\\s*(?:" + STRING + "|" + NUMBER + "|true|false|null)\\s*");

	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");

	private static final java.util.Set<String> KEYWORDS = java.util.Set.of("true", "false", "null", "not", "and", "or");

	static FeelEngineFactory factory() {
		CachingFeelEngine engine = new CachingFeelEngine();
		return () -> engine;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
		java.util.regex.Matcher name = NAME.matcher(expression);
		if (name.matches() && !KEYWORDS.contains(name.group(1)) && context.containsVariable(name.group(1))) {
			TypedValue value = context.resolve(name.group(1));
			Object raw = value == null ? null : value.getValue();
			if (raw == null || raw instanceof String || raw instanceof Boolean) {
				return (T) raw; // FEEL gives these back unchanged; numbers, dates and lists go through FEEL's mapping
			}
		}
		if (LITERAL.matcher(expression).matches()) {
			return (T) literalValues.get(expression, text -> java.util.Optional.ofNullable(evaluate(text, context))).orElse(null);
		}
		return (T) evaluate(expression, context);
	}

	private Object evaluate(String expression, VariableContext context) {
		ParsedExpression parsed = expressions.get(expression, text -> parsed(feel.parseExpression(text), text));
		return result(feel.evaluate(parsed, variables(context)), expression);
	}

	@Override
	public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
		if (INPUT_ONLY.matcher(expression).matches()) {
			TypedValue input = context.resolve(inputVariable);
			Object value = input == null ? null : input.getValue();
			String key = expression + '\u0000' + (value == null ? "null" : value.getClass().getName() + '\u0000' + value);
			return unaryAnswers.get(key, k -> unaryTest(expression, inputVariable, context));
		}
		return unaryTest(expression, inputVariable, context);
	}

	private boolean unaryTest(String expression, String inputVariable, VariableContext context) {
		ParsedExpression parsed = unaryTests.get(expression, text -> parsed(feel.parseUnaryTests(text), text));
		TypedValue input = context.resolve(inputVariable);
		Object value = result(feel.evaluateWithInput(parsed, input == null ? null : input.getValue(), variables(context)),
				expression);
		// like Camunda's engine: only true matches; null (e.g. "> 10000" against a missing amount) does not
		return Boolean.TRUE.equals(value);
	}

	private static ParsedExpression parsed(ParseResult result, String text) {
		if (result.isFailure()) {
			throw new FeelException("failed to parse FEEL '" + text + "': " + result.failure().message());
		}
		return result.parsedExpression();
	}

	private static Object result(EvaluationResult result, String expression) {
		if (result.isFailure()) {
			throw new FeelException("failed to evaluate FEEL '" + expression + "': " + result.failure().message());
		}
		return result.result();
	}

	private static Map<String, Object> variables(VariableContext context) {
		Map<String, Object> variables = new HashMap<>();
		for (String key : context.keySet()) {
			TypedValue value = context.resolve(key);
			variables.put(key, value == null ? null : value.getValue());
		}
		return variables;
	}

}
