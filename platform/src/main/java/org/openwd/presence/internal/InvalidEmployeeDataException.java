package org.openwd.presence.internal;

import java.util.List;

/** A profile or presence change breaks a rule; names every offending field. Answered as 400. */
public class InvalidEmployeeDataException extends IllegalArgumentException {

	/** One offending field, e.g. {@code skills.claims} or {@code reason}. */
	public record Violation(String field, String message) {
	}

	private final List<Violation> violations;

	public InvalidEmployeeDataException(List<Violation> violations) {
		super(violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).message()
				: violations.size() + " fields are invalid");
		this.violations = List.copyOf(violations);
	}

	public InvalidEmployeeDataException(String field, String message) {
		this(List.of(new Violation(field, message)));
	}

	public List<Violation> violations() {
		return violations;
	}

}
