package org.openwd.connector.api;

/**
 * Input a source read but could not turn into an item, update, cancel or completion: a
 * CSV line with too few columns, a message that is not valid JSON, a record without an
 * external id. The platform records it so that operators see it; the source then skips or
 * dead-letters the input instead of retrying it forever. Construction rejects missing
 * required values with an {@link IllegalArgumentException} naming the field, and cuts an
 * overly long excerpt.
 *
 * <pre>{@code
 * try {
 *     item = mapper.toItem(message);
 * }
 * catch (IllegalArgumentException ex) {
 *     sink.reportMalformed(new MalformedInput("crm", "message " + message.id(), ex.getMessage(), message.body()));
 *     channel.ack(message);
 *     return;
 * }
 * }</pre>
 *
 * @param sourceSystem the system the input comes from; required
 * @param location where the input is, so someone can find it:
 * {@code "orders-2024-06-01.csv:17"}, a message id, a database key; required
 * @param reason what is wrong with it; required
 * @param rawExcerpt the start of the raw input, cut to {@value #MAX_EXCERPT_LENGTH}
 * characters; optional. Sources must leave out secrets they can recognise (the platform
 * shows the excerpt to operators)
 */
public record MalformedInput(String sourceSystem, String location, String reason, String rawExcerpt) {

	/**
	 * Longest raw excerpt kept, in characters (Unicode code points); longer excerpts are
	 * cut.
	 */
	public static final int MAX_EXCERPT_LENGTH = 2000;

	public MalformedInput {
		Checks.requiredText(sourceSystem, "sourceSystem", CapturedItem.MAX_SOURCE_SYSTEM_LENGTH);
		if (location == null || location.isBlank()) {
			throw new IllegalArgumentException("location is required and must not be blank");
		}
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("reason is required and must not be blank");
		}
		// An excerpt is a hint for a person: cutting it is better than losing the whole
		// report.
		if (rawExcerpt != null && rawExcerpt.codePointCount(0, rawExcerpt.length()) > MAX_EXCERPT_LENGTH) {
			rawExcerpt = rawExcerpt.substring(0, rawExcerpt.offsetByCodePoints(0, MAX_EXCERPT_LENGTH));
		}
	}

}
