/**
 * The matching engine: plain Java, no Spring, no database. It keeps queued tasks in the aging-aware index and employees'
 * readiness and load in memory, and answers "which task for this employee" and "which employee for this task" in time
 * independent of the backlog size. The caller persists every decision before acting on it.
 */
package org.openwd.distribution.engine;
