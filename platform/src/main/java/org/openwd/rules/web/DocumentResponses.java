package org.openwd.rules.web;

import java.time.Instant;

/** Answers of the versioned configuration APIs. */
final class DocumentResponses {

	private DocumentResponses() {
	}

	/**
	 * A document in its current version.
	 * @param name its name
	 * @param version increases by one with every change
	 * @param updatedAt when the current version was saved
	 * @param updatedBy who saved it
	 * @param definition the content (JSON for profiles and calendars, DMN XML text for decisions)
	 */
	record Current<T>(String name, int version, Instant updatedAt, String updatedBy, T definition) {
	}

	/** A line of the audit trail. */
	record RevisionSummary(int version, Instant changedAt, String changedBy, String note) {
	}

}
