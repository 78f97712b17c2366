package org.openwd.connector.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openwd.connectors.*}: the connector instances this node hosts and how write-back is delivered.
 *
 * <pre>
 * openwd.connectors.instances.crm.type=amqp
 * openwd.connectors.instances.crm.source-system=crm
 * openwd.connectors.instances.crm.settings.queue=crm.cases
 * openwd.connectors.instances.crm.mapping.externalId=/caseId
 * openwd.connectors.instances.crm.mapping.type==complaint
 * openwd.connectors.instances.crm.write-back.type=amqp
 * openwd.connectors.instances.crm.write-back.settings.exchange=crm.updates
 * </pre>
 */
@ConfigurationProperties("openwd.connectors")
public record ConnectorProperties(Map<String, Instance> instances, @DefaultValue Delivery delivery) {

	public ConnectorProperties {
		instances = instances == null ? Map.of() : new LinkedHashMap<>(instances);
	}

	/**
	 * One connector instance.
	 * @param type {@code amqp}, {@code jdbc}, {@code file} or {@code webhook}
	 * @param enabled whether this node runs it; default true
	 * @param sourceSystem the source system put on its items; default the instance name
	 * @param settings the adapter's own settings (see its README)
	 * @param mapping task field to mapping spec (see connector-mapping's README)
	 * @param writeBack optional write-back of task state changes to the source
	 */
	public record Instance(String type, @DefaultValue("true") boolean enabled, String sourceSystem,
			Map<String, String> settings, Map<String, String> mapping, WriteBackSettings writeBack) {

		public Instance {
			settings = settings == null ? Map.of() : Map.copyOf(settings);
			mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
		}

		String sourceSystemOr(String name) {
			return this.sourceSystem == null || this.sourceSystem.isBlank() ? name : this.sourceSystem;
		}

	}

	/**
	 * Write-back of one instance.
	 * @param type {@code amqp}, {@code webhook} or {@code jdbc}
	 * @param events which changes to send: offered, assigned, completed, canceled, rejected, held, queued, overdue;
	 * default offered, assigned, completed, canceled
	 * @param settings the target's settings
	 */
	public record WriteBackSettings(String type, Set<String> events, Map<String, String> settings) {

		public WriteBackSettings {
			events = events == null || events.isEmpty() ? Set.of("offered", "assigned", "completed", "canceled")
					: Set.copyOf(events);
			settings = settings == null ? Map.of() : Map.copyOf(settings);
		}

	}

	/**
	 * How the delivery worker works off write-back deliveries.
	 * @param pollInterval how often it looks for due deliveries
	 * @param batchSize deliveries per round
	 * @param maxAttempts attempts before a delivery is marked failed
	 * @param initialBackoff wait after the first failed attempt
	 * @param multiplier growth of the wait per further attempt
	 * @param maxBackoff longest wait between attempts
	 * @param lease how long a claimed delivery is reserved for the node working on it
	 */
	public record Delivery(@DefaultValue("PT0.5S") Duration pollInterval, @DefaultValue("50") int batchSize,
			@DefaultValue("8") int maxAttempts, @DefaultValue("PT1S") Duration initialBackoff,
			@DefaultValue("2.0") double multiplier, @DefaultValue("PT5M") Duration maxBackoff,
			@DefaultValue("PT1M") Duration lease) {
	}

}
