/**
 * Hosts the connector adapters (AMQP, JDBC polling, file drop, webhook) configured under
 * {@code openwd.connectors.instances.<name>}, delivers what they capture into the global task list, writes task state
 * changes back to the sources from the transactional outbox, and reports, pauses and resumes connectors.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Connectors", allowedDependencies = { "task", "common" })
package org.openwd.connector;
