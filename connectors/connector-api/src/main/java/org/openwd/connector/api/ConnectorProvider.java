package org.openwd.connector.api;

import java.time.Clock;
import java.util.Map;

/**
 * Plugs an adapter into the platform without changing the platform: a module puts an implementation on the class
 * path and names it in {@code META-INF/services/org.openwd.connector.api.ConnectorProvider}; the platform finds it
 * with {@link java.util.ServiceLoader} and hosts every instance configured with
 * {@code openwd.connectors.instances.<name>.type=<type()>}.
 */
public interface ConnectorProvider {

	/**
	 * The configuration of one instance.
	 * @param name the instance name (unique, stable)
	 * @param sourceSystem the source system to put on its items
	 * @param settings {@code openwd.connectors.instances.<name>.settings.*}
	 * @param mapping {@code openwd.connectors.instances.<name>.mapping.*}
	 * @param writeBackSettings {@code openwd.connectors.instances.<name>.write-back.settings.*}
	 * @param clock the platform's clock
	 */
	record Instance(String name, String sourceSystem, Map<String, String> settings, Map<String, String> mapping,
			Map<String, String> writeBackSettings, Clock clock) {

		public Instance {
			settings = settings == null ? Map.of() : Map.copyOf(settings);
			mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
			writeBackSettings = writeBackSettings == null ? Map.of() : Map.copyOf(writeBackSettings);
		}

	}

	/** The value of {@code type} this provider serves, e.g. {@code acme-spool}. */
	String type();

	/**
	 * A new, unstarted source. Called at start-up and on every resume.
	 * @throws IllegalArgumentException naming the setting when the configuration is invalid
	 */
	ConnectorSource createSource(Instance instance);

	/**
	 * The write-back of this type, for instances configured with {@code write-back.type=<type()>}.
	 * @throws IllegalArgumentException if the adapter has none or the settings are invalid
	 */
	default WriteBack createWriteBack(Instance instance) {
		throw new IllegalArgumentException("write-back type " + type() + " is not supported");
	}

}
