package org.openwd.connector.internal;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;

/** Makes the sources and write-backs of one adapter type from an instance's configuration. */
interface SourceFactory {

	/** The {@code type} this factory serves, e.g. {@code amqp}. */
	String type();

	/**
	 * A new, unstarted source. Called at start-up (where invalid settings fail the start) and on every resume.
	 * @throws IllegalArgumentException naming the setting when the configuration is invalid
	 */
	ConnectorSource createSource(String name, ConnectorProperties.Instance instance);

	/**
	 * The write-back of this type, if the adapter offers one.
	 * @throws IllegalArgumentException naming the setting when the configuration is invalid
	 */
	default WriteBack createWriteBack(String name, ConnectorProperties.Instance instance) {
		throw new IllegalArgumentException("write-back type " + type() + " is not supported");
	}

	static String required(java.util.Map<String, String> settings, String key, String name) {
		String value = settings.get(key);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("openwd.connectors.instances." + name + ".settings." + key + " is required");
		}
		return value;
	}

}
