/**
 * Statistics and read models for supervisors: live tiles per department, process and virtual queue, flow and service
 * level over the day, the people board, CSV export of the task list, and the push that keeps the supervisor view live.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting",
		allowedDependencies = { "task", "presence", "inbox", "common" })
package org.openwd.reporting;
