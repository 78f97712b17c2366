package org.openwd.common.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * Binds a JSON object to a request record and validates it, collecting <em>every</em> bad field (unknown names, wrong
 * types, constraint violations) instead of stopping at the first, so one answer tells a client all it must fix.
 */
@Component
public class StrictJsonBinder {

	private final ObjectMapper mapper;

	private final Validator validator;

	public StrictJsonBinder(ObjectMapper mapper, Validator validator) {
		this.mapper = mapper;
		this.validator = validator;
	}

	/** Binds and validates; throws {@link InvalidRequestException} naming each offending field. */
	public <T extends Record> T bind(JsonNode node, Class<T> type) {
		return bind(node, type, "");
	}

	/** As {@link #bind(JsonNode, Class)}, with field names prefixed (e.g. {@code [3].} for batch items). */
	public <T extends Record> T bind(JsonNode node, Class<T> type, String prefix) {
		List<FieldProblem> problems = new ArrayList<>();
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException(prefix.isEmpty() ? "(body)" : prefix.substring(0, prefix.length() - 1),
					"must be a JSON object");
		}
		Map<String, RecordComponent> components = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			components.put(component.getName(), component);
		}
		for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
			String name = names.next();
			RecordComponent component = components.get(name);
			if (component == null) {
				problems.add(new FieldProblem(prefix + name, "is not a known field"));
				continue;
			}
			JavaType javaType = mapper.getTypeFactory().constructType(component.getGenericType());
			try {
				mapper.readerFor(javaType).readValue(mapper.treeAsTokens(node.get(name)));
			}
			catch (JsonMappingException ex) {
				String path = JsonPaths.path(ex);
				problems.add(new FieldProblem(prefix + name + (path.equals("(body)") ? "" : pathSuffix(path)),
						JsonPaths.message(ex)));
			}
			catch (java.io.IOException ex) {
				problems.add(new FieldProblem(prefix + name, "is unreadable"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		T value;
		try {
			value = mapper.treeToValue(node, type);
		}
		catch (JsonMappingException ex) {
			throw new InvalidRequestException(prefix + JsonPaths.path(ex), JsonPaths.message(ex));
		}
		catch (java.io.IOException ex) {
			throw new InvalidRequestException(prefix.isEmpty() ? "(body)" : prefix, "is unreadable");
		}
		for (ConstraintViolation<T> violation : validator.validate(value)) {
			problems.add(new FieldProblem(prefix + violation.getPropertyPath().toString().replace(".<list element>", "")
				.replace("<list element>", ""), violation.getMessage()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return value;
	}

	private static String pathSuffix(String path) {
		return path.startsWith("[") ? path : "." + path;
	}

}
