/**
 * SLA escalation as BPMN: one Camunda 7 process instance per watched task (business key = task id), models versioned
 * per routing profile and deployed by process owners, timers in the task's business time, and a fixed catalogue of
 * OpenWD actions the models call. Apart from the rules module's DMN internals, the only module that imports Camunda.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Escalation",
		allowedDependencies = { "task", "rules", "inbox", "common" })
package org.openwd.escalation;
