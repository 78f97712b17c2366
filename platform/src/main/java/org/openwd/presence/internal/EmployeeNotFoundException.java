package org.openwd.presence.internal;

import java.util.NoSuchElementException;

/** No employee with this id (login name). Answered as 404. */
public class EmployeeNotFoundException extends NoSuchElementException {

	public EmployeeNotFoundException(String id) {
		super("No employee '%s'".formatted(id));
	}

}
