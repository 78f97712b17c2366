package org.openwd.connector.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemCompletion;
import org.openwd.connector.api.ItemUpdate;

/**
 * Mapping without code: turns a {@link SourceRecord} into a {@link SourceCommand}, configured per connector instance
 * by a map of task field to {@link FieldMapping} spec, e.g.
 *
 * <pre>
 * externalId         = /caseId
 * title              = /subject | trim
 * dueTime            = /due | date:dd.MM.yyyy HH:mm@Europe/Berlin
 * businessValue      = /amount | integer | default:0
 * requiredSkills     = /skills | split:;
 * attributes.channel = /channel | default:email
 * operation          = /action | enum:new=capture,change=update,withdrawn=cancel,done=complete | default:capture
 * </pre>
 *
 * Fields: {@code externalId} (required), {@code type}, {@code title}, {@code description}, {@code customerId},
 * {@code customerSegment}, {@code businessValue}, {@code activationTime}, {@code dueTime}, {@code department},
 * {@code process}, {@code requiredSkills}, {@code attributes.NAME}, {@code operation} (capture, update, cancel,
 * complete; default capture), {@code reason} (of a cancel), {@code outcome} (of a completion). The special key
 * {@code upsert=false} turns off the update that follows a capture of a key captured before.
 */
public final class ItemMapping {

	private static final Set<String> FIELDS = Set.of("externalId", "type", "title", "description", "customerId",
			"customerSegment", "businessValue", "activationTime", "dueTime", "department", "process", "requiredSkills",
			"operation", "reason", "outcome");

	private final String sourceSystem;

	private final Map<String, FieldMapping> fields = new LinkedHashMap<>();

	private final Map<String, FieldMapping> attributes = new LinkedHashMap<>();

	private final boolean upsert;

	private ItemMapping(String sourceSystem, Map<String, String> spec) {
		this.sourceSystem = sourceSystem;
		boolean upsertFlag = true;
		for (Map.Entry<String, String> entry : spec.entrySet()) {
			String key = entry.getKey().trim();
			if (key.equals("upsert")) {
				upsertFlag = Boolean.parseBoolean(entry.getValue().trim());
			}
			else if (key.startsWith("attributes.")) {
				String name = key.substring("attributes.".length());
				this.attributes.put(name, FieldMapping.parse(key, entry.getValue()));
			}
			else if (FIELDS.contains(key)) {
				this.fields.put(key, FieldMapping.parse(key, entry.getValue()));
			}
			else {
				throw new IllegalArgumentException("mapping." + key + " is not a task field (known: "
						+ String.join(", ", new java.util.TreeSet<>(FIELDS)) + ", attributes.NAME, upsert)");
			}
		}
		if (!this.fields.containsKey("externalId")) {
			throw new IllegalArgumentException("mapping.externalId is required");
		}
		this.upsert = upsertFlag;
	}

	/**
	 * @param sourceSystem the source system put on every item
	 * @param spec task field to mapping spec
	 * @throws IllegalArgumentException naming the mapping key when the spec is invalid (checked at start-up)
	 */
	public static ItemMapping of(String sourceSystem, Map<String, String> spec) {
		return new ItemMapping(sourceSystem, spec);
	}

	public String sourceSystem() {
		return this.sourceSystem;
	}

	/**
	 * Maps one record.
	 * @throws MappingException naming the field when the record cannot be mapped (including an invalid item, e.g. a
	 * blank external id)
	 */
	public SourceCommand map(SourceRecord record) {
		try {
			String externalId = text(record, "externalId");
			if (externalId == null || externalId.isBlank()) {
				throw new MappingException("externalId is required and must not be blank");
			}
			String operation = text(record, "operation");
			switch (operation == null ? "capture" : operation.trim().toLowerCase(Locale.ROOT)) {
				case "capture":
					return capture(record, externalId);
				case "update":
					return new SourceCommand.Update(update(record, externalId));
				case "cancel":
					return new SourceCommand.Cancel(new ItemCancel(this.sourceSystem, externalId, text(record, "reason")));
				case "complete":
					return new SourceCommand.Complete(
							new ItemCompletion(this.sourceSystem, externalId, text(record, "outcome")));
				default:
					throw new MappingException("operation: \"" + operation + "\" is not capture, update, cancel or complete");
			}
		}
		catch (IllegalArgumentException ex) {
			// the SPI's records validate on construction and name the field
			throw new MappingException(ex.getMessage(), ex);
		}
	}

	private SourceCommand capture(SourceRecord record, String externalId) {
		Map<String, Object> attributeValues = attributes(record);
		CapturedItem item = CapturedItem.builder(this.sourceSystem, externalId)
			.type(text(record, "type"))
			.title(text(record, "title"))
			.description(text(record, "description"))
			.customerId(text(record, "customerId"))
			.customerSegment(text(record, "customerSegment"))
			.businessValue(integer(record, "businessValue"))
			.activationTime(instant(record, "activationTime"))
			.dueTime(instant(record, "dueTime"))
			.department(text(record, "department"))
			.process(text(record, "process"))
			.requiredSkills(skills(record))
			.attributes(attributeValues)
			.build();
		ItemUpdate update = null;
		if (this.upsert) {
			update = new ItemUpdate(this.sourceSystem, externalId, item.title(), item.description(), item.businessValue(),
					item.dueTime(), item.attributes());
		}
		return new SourceCommand.Capture(item, update);
	}

	private ItemUpdate update(SourceRecord record, String externalId) {
		return new ItemUpdate(this.sourceSystem, externalId, text(record, "title"), text(record, "description"),
				integer(record, "businessValue"), instant(record, "dueTime"), attributes(record));
	}

	private Object raw(SourceRecord record, String field) {
		FieldMapping mapping = this.fields.get(field);
		return mapping == null ? null : mapping.read(record);
	}

	private String text(SourceRecord record, String field) {
		Object value = raw(record, field);
		if (value == null) {
			return null;
		}
		if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
			throw new MappingException(field + ": expected one value but found " + value);
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

	private Integer integer(SourceRecord record, String field) {
		Object value = raw(record, field);
		if (value == null || (value instanceof String text && text.isBlank())) {
			return null;
		}
		try {
			return Conversion.integer(value);
		}
		catch (IllegalArgumentException ex) {
			throw new MappingException(field + ": " + ex.getMessage(), ex);
		}
	}

	private Instant instant(SourceRecord record, String field) {
		Object value = raw(record, field);
		if (value == null || (value instanceof String text && text.isBlank())) {
			return null;
		}
		try {
			return Conversion.isoInstant(value);
		}
		catch (IllegalArgumentException ex) {
			throw new MappingException(field + ": " + ex.getMessage(), ex);
		}
	}

	private List<String> skills(SourceRecord record) {
		Object value = raw(record, "requiredSkills");
		if (value == null) {
			return List.of();
		}
		List<String> skills = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			collection.forEach(skill -> skills.add(String.valueOf(skill).trim()));
		}
		else {
			for (String skill : value.toString().split(",")) {
				if (!skill.isBlank()) {
					skills.add(skill.trim());
				}
			}
		}
		return skills;
	}

	private Map<String, Object> attributes(SourceRecord record) {
		Map<String, Object> values = new LinkedHashMap<>();
		this.attributes.forEach((name, mapping) -> {
			Object value = json(mapping.read(record));
			if (value != null) {
				values.put(name, value);
			}
		});
		return values;
	}

	/** Attribute values must be JSON-compatible: dates become ISO text, big integers decimals. */
	private static Object json(Object value) {
		if (value instanceof Instant || value instanceof java.time.temporal.TemporalAccessor) {
			return value.toString();
		}
		if (value instanceof BigInteger big) {
			return new BigDecimal(big);
		}
		if (value instanceof java.util.Date date) {
			return date.toInstant().toString();
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(ItemMapping::json).toList();
		}
		return value;
	}

}
