package org.openwd.connector.mapping;

/**
 * Input could not be mapped. The message starts with the task field at fault ({@code dueTime: "31.02." does not match
 * dd.MM.yyyy}), so a source can pass it to {@code MalformedInput} as the reason.
 */
public class MappingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MappingException(String message) {
		super(message);
	}

	public MappingException(String message, Throwable cause) {
		super(message, cause);
	}

}
