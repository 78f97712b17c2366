package org.openwd.task.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** JSON columns for free-form attributes and skill sets (portable across H2 and MariaDB). */
final class JsonConverters {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private JsonConverters() {
	}

	@Converter
	static class AttributesConverter implements AttributeConverter<Map<String, Object>, String> {

		@Override
		public String convertToDatabaseColumn(Map<String, Object> attribute) {
			return write(attribute == null ? Map.of() : attribute);
		}

		@Override
		public Map<String, Object> convertToEntityAttribute(String dbData) {
			return dbData == null ? new LinkedHashMap<>() : read(dbData, new TypeReference<LinkedHashMap<String, Object>>() {
			});
		}

	}

	@Converter
	static class StringSetConverter implements AttributeConverter<Set<String>, String> {

		@Override
		public String convertToDatabaseColumn(Set<String> attribute) {
			return write(attribute == null ? Set.of() : attribute);
		}

		@Override
		public Set<String> convertToEntityAttribute(String dbData) {
			return dbData == null ? new LinkedHashSet<>() : read(dbData, new TypeReference<LinkedHashSet<String>>() {
			});
		}

	}

	private static String write(Object value) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Value cannot be stored as JSON", ex);
		}
	}

	private static <T> T read(String json, TypeReference<T> type) {
		try {
			return MAPPER.readValue(json, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored JSON is unreadable", ex);
		}
	}

}
