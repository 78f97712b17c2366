/**
 * The rules layer: routing profiles, business calendars, DMN classification and priority that grows with age; all
 * editable at run time by process owners, versioned and audited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rules", allowedDependencies = { "task", "messaging", "common" })
package org.openwd.rules;
