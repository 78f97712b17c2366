package org.openwd.common.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Names the field a JSON mapping error is about, and says in plain words what was expected there. */
public final class JsonPaths {

	private JsonPaths() {
	}

	/** The field path of a mapping error, e.g. {@code requiredSkills[2]}; {@code (body)} for the whole body. */
	public static String path(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference ref : ex.getPath()) {
			if (ref.getFieldName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(ref.getFieldName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "(body)" : path.toString();
	}

	/** A human message for a mapping error. */
	public static String message(JsonMappingException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "is not a known field";
		}
		if (ex instanceof InvalidFormatException format) {
			return describeExpected(format.getTargetType(), format.getValue());
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "must be " + describeType(mismatch.getTargetType());
		}
		return ex.getOriginalMessage();
	}

	static String describeExpected(Class<?> type, Object value) {
		return "'%s' is not %s".formatted(value, describeType(type));
	}

	static String describeType(Class<?> type) {
		if (type == null) {
			return "valid";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
		}
		if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
			return "a JSON array";
		}
		if (java.util.Map.class.isAssignableFrom(type)) {
			return "a JSON object";
		}
		if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 timestamp with offset (e.g. 2026-03-01T09:00:00Z)";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		return "a valid " + type.getSimpleName();
	}

}
