package org.openwd.presence.internal;

/** The caller's If-Match version is not the employee's current version. Answered as 412. */
public class EmployeeVersionMismatchException extends RuntimeException {

	public EmployeeVersionMismatchException(String message) {
		super(message);
	}

}
