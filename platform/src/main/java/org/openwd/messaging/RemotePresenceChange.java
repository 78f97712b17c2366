package org.openwd.messaging;

/** Another platform node changed an employee's presence. Listeners re-read the employee. */
public record RemotePresenceChange(String employeeId) {
}
