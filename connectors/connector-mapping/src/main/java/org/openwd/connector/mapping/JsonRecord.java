package org.openwd.connector.mapping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON document read by JSON pointer (RFC 6901), e.g. {@code /case/customer/id}. */
public final class JsonRecord implements SourceRecord {

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final JsonNode root;

	public JsonRecord(JsonNode root) {
		this.root = root;
	}

	/**
	 * Parses a JSON document.
	 * @throws MappingException if the bytes are not one well-formed JSON value
	 */
	public static JsonRecord parse(byte[] json) {
		try {
			JsonNode node = JSON.readTree(json);
			if (node == null || node.isMissingNode()) {
				throw new MappingException("payload: empty, expected a JSON document");
			}
			return new JsonRecord(node);
		}
		catch (IOException ex) {
			throw new MappingException("payload: not well-formed JSON: " + firstLine(ex.getMessage()), ex);
		}
	}

	public JsonNode root() {
		return this.root;
	}

	@Override
	public Object value(String path) {
		JsonPointer pointer;
		try {
			pointer = JsonPointer.compile(path);
		}
		catch (IllegalArgumentException ex) {
			throw new MappingException("mapping: invalid JSON pointer " + path, ex);
		}
		return plain(this.root.at(pointer));
	}

	static Object plain(JsonNode node) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (node.isTextual()) {
			return node.textValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>();
			node.forEach(element -> list.add(plain(element)));
			return list;
		}
		if (node.isObject()) {
			Map<String, Object> map = new java.util.LinkedHashMap<>();
			node.fields().forEachRemaining(field -> map.put(field.getKey(), plain(field.getValue())));
			return map;
		}
		return node.asText();
	}

	static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
