package org.openwd.connector.internal;

import java.time.Clock;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.file.FileDropSettings;
import org.openwd.connector.file.FileDropSource;
import org.openwd.connector.mapping.ItemMapping;

/** {@code type=file}: watches a drop directory on this node. */
final class FileSourceFactory implements SourceFactory {

	private final Clock clock;

	FileSourceFactory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String type() {
		return "file";
	}

	@Override
	public ConnectorSource createSource(String name, ConnectorProperties.Instance instance) {
		try {
			return new FileDropSource(name, FileDropSettings.from(instance.settings()),
					ItemMapping.of(instance.sourceSystemOr(name), instance.mapping()), this.clock);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("openwd.connectors.instances." + name + ": " + ex.getMessage(), ex);
		}
	}

}
