package org.openwd.presence;

import java.time.Instant;

/** An employee's skills, capacity, team, shift or out-of-office settings changed. */
public record EmployeeChanged(String employeeId, Instant at, String actor) {
}
