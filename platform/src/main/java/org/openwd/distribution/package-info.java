/**
 * Push distribution: offers the best task to the best available employee the moment anything changes, with
 * cascading targets, borrowing between departments, capacity, and accept/reject/timeout of offers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Distribution",
		allowedDependencies = { "task", "rules", "rules :: priority", "presence", "inbox", "messaging", "common" })
package org.openwd.distribution;
