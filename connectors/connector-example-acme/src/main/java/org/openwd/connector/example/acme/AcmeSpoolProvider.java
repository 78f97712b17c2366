package org.openwd.connector.example.acme;

import java.nio.file.Path;
import java.time.Duration;

import org.openwd.connector.api.ConnectorProvider;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;

/**
 * {@code type=acme-spool}: registered in {@code META-INF/services/org.openwd.connector.api.ConnectorProvider}, so the
 * platform hosts it as soon as this module is on its class path. Settings: {@code file} (the spool), {@code layout},
 * {@code poll-interval} (default PT1S).
 */
public final class AcmeSpoolProvider implements ConnectorProvider {

	@Override
	public String type() {
		return "acme-spool";
	}

	@Override
	public ConnectorSource createSource(Instance instance) {
		String file = instance.settings().get("file");
		if (file == null || file.isBlank()) {
			throw new IllegalArgumentException("settings.file is required");
		}
		return new AcmeSpoolSource(instance.name(), Path.of(file), SpoolLayout.parse(instance.settings().get("layout")),
				ItemMapping.of(instance.sourceSystem(), instance.mapping()),
				Duration.parse(instance.settings().getOrDefault("poll-interval", "PT1S")), instance.clock());
	}

}
