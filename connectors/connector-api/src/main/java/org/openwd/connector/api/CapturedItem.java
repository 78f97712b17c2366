package org.openwd.connector.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A work item as a source system describes it, ready to become a task in the global task
 * list.
 * <p>
 * {@code sourceSystem} + {@code externalId} is the item's identity: the platform captures
 * each key once, so a source may deliver the same item again (after a crash, a
 * redelivery, a re-read file) without creating a second task. The external id must
 * therefore be stable: the source system's own case, ticket or document number, never a
 * value made up at read time.
 * <p>
 * Everything else is optional. The platform's rules (classification, priority, routing)
 * decide what a missing value means. Construction validates the item and throws
 * {@link IllegalArgumentException} whose message starts with the offending field; a
 * source that cannot map an input reports it with {@link CaptureSink#reportMalformed}.
 * Collections are copied: the item is immutable and safe to share between threads.
 *
 * <pre>{@code
 * CapturedItem item = CapturedItem.builder("crm", "CASE-4711")
 *     .type("complaint")
 *     .title("Customer disputes invoice 2024-118")
 *     .customerId("C-1001")
 *     .dueTime(receivedAt.plus(Duration.ofDays(2)))
 *     .requiredSkills("billing", "german")
 *     .attribute("channel", "email")
 *     .build();
 * }</pre>
 *
 * @param sourceSystem the system the item comes from, e.g. {@code "crm"}; required, at
 * most {@value #MAX_SOURCE_SYSTEM_LENGTH} characters
 * @param externalId the item's id in the source system; required, at most
 * {@value #MAX_EXTERNAL_ID_LENGTH} characters
 * @param type what kind of work this is, e.g. {@code "complaint"}; input to
 * classification
 * @param title a one-line summary shown in the inbox
 * @param description the longer text shown when the task is opened
 * @param customerId the customer the work is for, if any
 * @param customerSegment the customer's segment, e.g. {@code "gold"}; input to priority
 * @param businessValue the source's estimate of the item's value; input to priority
 * @param activationTime the earliest time the task may be distributed; {@code null} means
 * immediately
 * @param dueTime when the work must be done; {@code null} lets the platform's SLA rules
 * decide
 * @param department the department that owns the work, if the source knows it
 * @param process the business process the item belongs to, if the source knows it
 * @param requiredSkills skills an employee needs to work on the item; never {@code null}
 * (empty if none)
 * @param attributes further source data for rules and display; JSON-compatible values
 * only (String, Number, Boolean, {@code null}, List, Map with String keys); never
 * {@code null} (empty if none)
 */
public record CapturedItem(String sourceSystem, String externalId, String type, String title, String description,
		String customerId, String customerSegment, Integer businessValue, Instant activationTime, Instant dueTime,
		String department, String process, Set<String> requiredSkills, Map<String, Object> attributes) {

	/** Longest source system name, in characters (Unicode code points). */
	public static final int MAX_SOURCE_SYSTEM_LENGTH = 100;

	/** Longest external id, in characters (Unicode code points). */
	public static final int MAX_EXTERNAL_ID_LENGTH = 200;

	public CapturedItem {
		Checks.requiredText(sourceSystem, "sourceSystem", MAX_SOURCE_SYSTEM_LENGTH);
		Checks.requiredText(externalId, "externalId", MAX_EXTERNAL_ID_LENGTH);
		requiredSkills = Checks.skills(requiredSkills, "requiredSkills");
		attributes = Checks.attributes(attributes, "attributes");
	}

	/**
	 * Starts an item with its identity; every other field is optional.
	 * @param sourceSystem the system the item comes from
	 * @param externalId the item's stable id in that system
	 * @return a builder; {@link Builder#build()} validates
	 */
	public static Builder builder(String sourceSystem, String externalId) {
		return new Builder(sourceSystem, externalId);
	}

	/**
	 * Builds a {@link CapturedItem}. Not thread-safe. {@link #build()} validates and
	 * copies, so builders are reusable.
	 */
	public static final class Builder {

		private final String sourceSystem;

		private final String externalId;

		private String type;

		private String title;

		private String description;

		private String customerId;

		private String customerSegment;

		private Integer businessValue;

		private Instant activationTime;

		private Instant dueTime;

		private String department;

		private String process;

		private final Set<String> requiredSkills = new LinkedHashSet<>();

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Builder(String sourceSystem, String externalId) {
			this.sourceSystem = sourceSystem;
			this.externalId = externalId;
		}

		public Builder type(String type) {
			this.type = type;
			return this;
		}

		public Builder title(String title) {
			this.title = title;
			return this;
		}

		public Builder description(String description) {
			this.description = description;
			return this;
		}

		public Builder customerId(String customerId) {
			this.customerId = customerId;
			return this;
		}

		public Builder customerSegment(String customerSegment) {
			this.customerSegment = customerSegment;
			return this;
		}

		public Builder businessValue(Integer businessValue) {
			this.businessValue = businessValue;
			return this;
		}

		public Builder activationTime(Instant activationTime) {
			this.activationTime = activationTime;
			return this;
		}

		public Builder dueTime(Instant dueTime) {
			this.dueTime = dueTime;
			return this;
		}

		public Builder department(String department) {
			this.department = department;
			return this;
		}

		public Builder process(String process) {
			this.process = process;
			return this;
		}

		/** Replaces the required skills. */
		public Builder requiredSkills(Collection<String> skills) {
			this.requiredSkills.clear();
			this.requiredSkills.addAll(skills);
			return this;
		}

		/** Replaces the required skills. */
		public Builder requiredSkills(String... skills) {
			return requiredSkills(Arrays.asList(skills));
		}

		/** Replaces all attributes. */
		public Builder attributes(Map<String, ?> attributes) {
			this.attributes.clear();
			this.attributes.putAll(attributes);
			return this;
		}

		/**
		 * Adds or replaces one attribute; the value must be JSON-compatible (checked by
		 * {@link #build()}).
		 */
		public Builder attribute(String key, Object value) {
			this.attributes.put(key, value);
			return this;
		}

		/**
		 * Validates and creates the item.
		 * @return the item
		 * @throws IllegalArgumentException naming the field if a value is missing, too
		 * long or not JSON-compatible
		 */
		public CapturedItem build() {
			return new CapturedItem(this.sourceSystem, this.externalId, this.type, this.title, this.description,
					this.customerId, this.customerSegment, this.businessValue, this.activationTime, this.dueTime,
					this.department, this.process, this.requiredSkills, this.attributes);
		}

	}

}
