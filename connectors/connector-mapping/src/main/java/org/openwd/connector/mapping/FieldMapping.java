package org.openwd.connector.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one task field comes from: a path (or a constant written {@code =value}) and a chain of {@link Conversion}s,
 * written {@code PATH | conversion | conversion}, e.g. {@code /due | date:dd.MM.yyyy@Europe/Berlin} or
 * {@code STATUS | enum:N=capture,X=cancel}.
 *
 * @param field the task field (for messages)
 * @param path the path read from the record, or {@code null} for a constant
 * @param constant the constant, when {@code path} is {@code null}
 * @param conversions the conversions, applied in order
 */
public record FieldMapping(String field, String path, String constant, List<Conversion> conversions) {

	public static FieldMapping parse(String field, String spec) {
		if (spec == null || spec.isBlank()) {
			throw new IllegalArgumentException("mapping." + field + " is blank");
		}
		String[] steps = splitSteps(spec);
		String source = steps[0].trim();
		List<Conversion> conversions = new ArrayList<>();
		for (int i = 1; i < steps.length; i++) {
			try {
				conversions.add(Conversion.parse(steps[i]));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("mapping." + field + ": " + ex.getMessage(), ex);
			}
		}
		if (source.startsWith("=")) {
			return new FieldMapping(field, null, source.substring(1), List.copyOf(conversions));
		}
		if (source.isEmpty()) {
			return new FieldMapping(field, null, null, List.copyOf(conversions));
		}
		return new FieldMapping(field, source, null, List.copyOf(conversions));
	}

	/** Splits at bars that are not part of an XPath union inside brackets. */
	private static String[] splitSteps(String spec) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		StringBuilder current = new StringBuilder();
		for (char c : spec.toCharArray()) {
			if (c == '[' || c == '(') {
				depth++;
			}
			else if (c == ']' || c == ')') {
				depth--;
			}
			if (c == '|' && depth == 0) {
				parts.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		parts.add(current.toString());
		return parts.toArray(String[]::new);
	}

	/**
	 * Reads and converts the field's value.
	 * @throws MappingException naming the field when a conversion fails
	 */
	public Object read(SourceRecord record) {
		Object value = this.path == null ? this.constant : record.value(this.path);
		for (Conversion conversion : this.conversions) {
			try {
				value = conversion.apply(value);
			}
			catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException ex) {
				throw new MappingException(this.field + ": " + ex.getMessage(), ex);
			}
		}
		return value;
	}

}
