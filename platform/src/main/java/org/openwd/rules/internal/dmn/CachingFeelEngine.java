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
 * The FEEL engine of the classification table: the same FEEL implementation Camunda's DMN engine uses (feel-scala), but
 * every expression and unary test is parsed once and kept, instead of being parsed again at each evaluation (Camunda's
 * {@code ScalaFeelEngine} has no such cache, and parsing dominated the cost of capturing a task). Caffeine bounds the cache.
 */
final class CachingFeelEngine implements FeelEngine {

	private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

	private final Cache<String, ParsedExpression> expressions = Caffeine.newBuilder().maximumSize(20_000).build();

	private final Cache<String, ParsedExpression> unaryTests = Caffeine.newBuilder().maximumSize(20_000).build();

	static FeelEngineFactory factory() {
		CachingFeelEngine engine = new CachingFeelEngine();
		return () -> engine;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
		ParsedExpression parsed = expressions.get(expression, text -> parsed(feel.parseExpression(text), text));
		return (T) result(feel.evaluate(parsed, variables(context)), expression);
	}

	@Override
	public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
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
