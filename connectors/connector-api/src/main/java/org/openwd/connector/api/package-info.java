/**
 * The connector SPI: how work items from source systems reach OpenWD's global task list.
 * It depends on nothing but {@code java.*}, so adapters can be written, tested and
 * shipped without the platform or Spring.
 *
 * <h2>The types</h2>
 * <ul>
 * <li>{@link org.openwd.connector.api.ConnectorSource}: implemented by an adapter; reads
 * upstream and delivers.</li>
 * <li>{@link org.openwd.connector.api.CaptureSink}: implemented by the platform; takes
 * {@link org.openwd.connector.api.CapturedItem new items},
 * {@link org.openwd.connector.api.ItemUpdate updates},
 * {@link org.openwd.connector.api.ItemCancel cancels},
 * {@link org.openwd.connector.api.ItemCompletion completions} and
 * {@link org.openwd.connector.api.MalformedInput reports of malformed input}, and answers
 * with a {@link org.openwd.connector.api.CaptureResult} or
 * {@link org.openwd.connector.api.ChangeResult}.</li>
 * <li>{@link org.openwd.connector.api.CaptureException}: a sink call failed; retry later
 * or give the input up.</li>
 * <li>{@link org.openwd.connector.api.ConnectorHealth}: what a source reports to the
 * operations views.</li>
 * </ul>
 *
 * <h2>The guarantees</h2>
 * <ol>
 * <li>An item's identity is source system + external id. The external id is the source
 * system's own, stable id.</li>
 * <li>Sources deliver at least once; the platform deduplicates on the identity. Together:
 * exactly-once capture.</li>
 * <li>A sink call that returns normally is durably committed. Sources acknowledge
 * upstream only after that return.</li>
 * <li>A {@link org.openwd.connector.api.CaptureException} commits nothing and says
 * whether a retry can succeed.</li>
 * <li>The sink is thread-safe. A source is started once and closed once, and makes no
 * sink calls after {@code close()} returned.</li>
 * </ol>
 * The records validate on construction and throw
 * {@link java.lang.IllegalArgumentException} with a message that starts with the
 * offending field; they copy their collections and are immutable.
 */
package org.openwd.connector.api;
