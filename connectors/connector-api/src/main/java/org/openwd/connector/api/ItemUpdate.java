package org.openwd.connector.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes a source system made to an item that was captured earlier.
 * <p>
 * Only the changes travel: a {@code null} field means "unchanged", not "clear".
 * Attributes are merged into the task's attributes: a key with a value replaces that
 * attribute, a key mapped to {@code null} removes it, keys not mentioned stay as they
 * are. Applying the same update twice leaves the task as applying it once, so redelivery
 * is harmless. Construction validates like {@link CapturedItem}'s (identity and
 * attributes) and copies the attributes.
 *
 * <pre>{@code
 * sink.update(ItemUpdate.builder("crm", "CASE-4711")
 *     .dueTime(newDueTime)
 *     .attribute("escalated", true)
 *     .removeAttribute("draft")
 *     .build());
 * }</pre>
 *
 * @param sourceSystem the system the item comes from; required
 * @param externalId the item's id in the source system; required
 * @param title the new title, or {@code null} if unchanged
 * @param description the new description, or {@code null} if unchanged
 * @param businessValue the new business value, or {@code null} if unchanged
 * @param dueTime the new due time, or {@code null} if unchanged
 * @param attributes attributes to set (non-null value) or remove ({@code null} value);
 * JSON-compatible values only; never {@code null} (empty if no attribute changes)
 */
public record ItemUpdate(String sourceSystem, String externalId, String title, String description,
		Integer businessValue, Instant dueTime, Map<String, Object> attributes) {

	public ItemUpdate {
		Checks.requiredText(sourceSystem, "sourceSystem", CapturedItem.MAX_SOURCE_SYSTEM_LENGTH);
		Checks.requiredText(externalId, "externalId", CapturedItem.MAX_EXTERNAL_ID_LENGTH);
		attributes = Checks.attributes(attributes, "attributes");
	}

	/**
	 * Starts an update of the item with this identity.
	 * @param sourceSystem the system the item comes from
	 * @param externalId the item's id in that system
	 * @return a builder; {@link Builder#build()} validates
	 */
	public static Builder builder(String sourceSystem, String externalId) {
		return new Builder(sourceSystem, externalId);
	}

	/**
	 * Whether the update changes anything at all. Sources may skip empty updates; the
	 * platform answers them with {@link ChangeResult.Outcome#UNCHANGED}.
	 * @return {@code true} if at least one change is set
	 */
	public boolean hasChanges() {
		return this.title != null || this.description != null || this.businessValue != null || this.dueTime != null
				|| !this.attributes.isEmpty();
	}

	/** Builds an {@link ItemUpdate}. Not thread-safe. */
	public static final class Builder {

		private final String sourceSystem;

		private final String externalId;

		private String title;

		private String description;

		private Integer businessValue;

		private Instant dueTime;

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Builder(String sourceSystem, String externalId) {
			this.sourceSystem = sourceSystem;
			this.externalId = externalId;
		}

		public Builder title(String title) {
			this.title = title;
			return this;
		}

		public Builder description(String description) {
			this.description = description;
			return this;
		}

		public Builder businessValue(Integer businessValue) {
			this.businessValue = businessValue;
			return this;
		}

		public Builder dueTime(Instant dueTime) {
			this.dueTime = dueTime;
			return this;
		}

		/**
		 * Sets one attribute; a {@code null} value removes it, like
		 * {@link #removeAttribute(String)}.
		 */
		public Builder attribute(String key, Object value) {
			this.attributes.put(key, value);
			return this;
		}

		/** Removes one attribute from the task. */
		public Builder removeAttribute(String key) {
			this.attributes.put(key, null);
			return this;
		}

		/**
		 * Validates and creates the update.
		 * @return the update
		 * @throws IllegalArgumentException naming the field if an id is missing or too
		 * long or a value is not JSON-compatible
		 */
		public ItemUpdate build() {
			return new ItemUpdate(this.sourceSystem, this.externalId, this.title, this.description, this.businessValue,
					this.dueTime, this.attributes);
		}

	}

}
