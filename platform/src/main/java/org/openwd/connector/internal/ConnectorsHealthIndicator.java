package org.openwd.connector.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openwd.connector.api.ConnectorHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator health {@code connectors}: DOWN when a connector that should run (enabled, not paused) is down; details
 * per connector (status, counts, last error, lag).
 */
final class ConnectorsHealthIndicator implements HealthIndicator {

	private final ConnectorHost host;

	ConnectorsHealthIndicator(ConnectorHost host) {
		this.host = host;
	}

	@Override
	public Health health() {
		boolean down = false;
		Map<String, Object> details = new LinkedHashMap<>();
		for (ConnectorHost.Status status : this.host.list()) {
			ConnectorHealth health = status.health();
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("type", status.type());
			detail.put("status", health.status().name());
			detail.put("captured", health.capturedCount());
			detail.put("failed", health.failedCount());
			if (health.lastError() != null) {
				detail.put("lastError", health.lastError());
			}
			if (health.lag() != null) {
				detail.put("lag", health.lag().toString());
			}
			details.put(status.name(), detail);
			down |= health.status() == ConnectorHealth.Status.DOWN;
		}
		return (down ? Health.down() : Health.up()).withDetails(details).build();
	}

}
