/**
 * The global task list: every work item from every source, captured exactly once, with its lifecycle and full history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Global task list", allowedDependencies = "common")
package org.openwd.task;
