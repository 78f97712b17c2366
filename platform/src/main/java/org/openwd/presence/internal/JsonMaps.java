package org.openwd.presence.internal;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Name-to-number maps (skills, channel capacity) as JSON text, portable across H2 and MariaDB. */
final class JsonMaps {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private JsonMaps() {
	}

	@Converter
	static class IntMapConverter implements AttributeConverter<Map<String, Integer>, String> {

		@Override
		public String convertToDatabaseColumn(Map<String, Integer> attribute) {
			try {
				return MAPPER.writeValueAsString(attribute == null ? Map.of() : new TreeMap<>(attribute));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalArgumentException("Value cannot be stored as JSON", ex);
			}
		}

		@Override
		public Map<String, Integer> convertToEntityAttribute(String dbData) {
			if (dbData == null) {
				return new TreeMap<>();
			}
			try {
				return MAPPER.readValue(dbData, new TypeReference<TreeMap<String, Integer>>() {
				});
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("Stored JSON is unreadable", ex);
			}
		}

	}

}
