package org.openwd.connector.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation and defensive copies shared by the SPI records. Every failure is an
 * {@link IllegalArgumentException} whose message starts with the offending field, so a
 * connector can put it straight into a {@link MalformedInput}.
 */
final class Checks {

	/**
	 * Deeper nesting is almost certainly a mapping bug (or a cycle) rather than real
	 * data.
	 */
	static final int MAX_ATTRIBUTE_DEPTH = 32;

	private Checks() {
	}

	static <T> T required(T value, String field) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is required");
		}
		return value;
	}

	static String requiredText(String value, String field, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " is required and must not be blank");
		}
		int length = value.codePointCount(0, value.length());
		if (length > maxLength) {
			throw new IllegalArgumentException(
					field + " must be at most " + maxLength + " characters but has " + length);
		}
		return value;
	}

	static Set<String> skills(Collection<String> skills, String field) {
		if (skills == null) {
			return Set.of();
		}
		Set<String> copy = new LinkedHashSet<>();
		for (String skill : skills) {
			if (skill == null || skill.isBlank()) {
				throw new IllegalArgumentException(field + " must not contain null or blank skills");
			}
			copy.add(skill);
		}
		return Collections.unmodifiableSet(copy);
	}

	/**
	 * Validates attributes and returns a deep, unmodifiable copy that keeps insertion
	 * order. Top-level keys must not be blank; values may be {@code null}.
	 */
	static Map<String, Object> attributes(Map<String, ?> attributes, String field) {
		if (attributes == null) {
			return Map.of();
		}
		for (Object key : attributes.keySet()) {
			if (key == null || key.toString().isBlank()) {
				throw new IllegalArgumentException(field + " must not contain null or blank keys");
			}
		}
		return jsonObject(attributes, field, 1);
	}

	private static Object jsonValue(Object value, String path, int depth) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Number number) {
			return jsonNumber(number, path);
		}
		if (value instanceof Map<?, ?> map) {
			return jsonObject(map, path, depth + 1);
		}
		if (value instanceof List<?> list) {
			return jsonArray(list, path, depth + 1);
		}
		throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
				+ "; attribute values must be JSON-compatible: String, Number, Boolean, null, List or Map");
	}

	private static Number jsonNumber(Number number, String path) {
		if (number instanceof Double || number instanceof Float) {
			double value = number.doubleValue();
			if (Double.isNaN(value) || Double.isInfinite(value)) {
				throw new IllegalArgumentException(path + " is " + number + "; JSON has no NaN or infinite numbers");
			}
			return number;
		}
		// Only the immutable JDK numbers: an AtomicLong or a custom Number could change
		// after the copy.
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof BigDecimal || number instanceof BigInteger) {
			return number;
		}
		throw new IllegalArgumentException(path + " is a " + number.getClass().getName()
				+ "; numbers must be Integer, Long, Short, Byte, Double, Float, BigInteger or BigDecimal");
	}

	private static Map<String, Object> jsonObject(Map<?, ?> map, String path, int depth) {
		checkDepth(path, depth);
		Map<String, Object> copy = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String key)) {
				throw new IllegalArgumentException(
						path + " has the key " + entry.getKey() + "; JSON keys must be strings");
			}
			copy.put(key, jsonValue(entry.getValue(), path + "." + key, depth));
		}
		return Collections.unmodifiableMap(copy);
	}

	private static List<Object> jsonArray(List<?> list, String path, int depth) {
		checkDepth(path, depth);
		List<Object> copy = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			copy.add(jsonValue(list.get(i), path + "[" + i + "]", depth));
		}
		return Collections.unmodifiableList(copy);
	}

	private static void checkDepth(String path, int depth) {
		if (depth > MAX_ATTRIBUTE_DEPTH) {
			throw new IllegalArgumentException(
					path + " is nested more than " + MAX_ATTRIBUTE_DEPTH + " levels deep (or contains itself)");
		}
	}

}
