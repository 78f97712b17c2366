/**
 * Employees (skills, capacity, teams, shifts, out-of-office) and their presence: ready, not ready with a reason,
 * offline; every change recorded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Presence", allowedDependencies = { "common" })
package org.openwd.presence;
