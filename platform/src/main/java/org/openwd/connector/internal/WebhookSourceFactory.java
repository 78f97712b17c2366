package org.openwd.connector.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.webhook.NonceStore;
import org.openwd.connector.webhook.WebhookSource;
import org.openwd.connector.webhook.WebhookWriteBack;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code type=webhook}: requests to {@code POST /api/v1/webhooks/{name}}, nonces kept in the platform's database
 * (so replay protection holds across nodes and restarts). Write-back {@code type=webhook} POSTs signed notices to
 * {@code write-back.settings.url}.
 */
final class WebhookSourceFactory implements SourceFactory {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final NonceStore nonces;

	WebhookSourceFactory(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.nonces = new DatabaseNonces();
	}

	@Override
	public String type() {
		return "webhook";
	}

	@Override
	public ConnectorSource createSource(String name, ConnectorProperties.Instance instance) {
		try {
			return new WebhookSource(name, WebhookSource.Settings.from(instance.settings()),
					ItemMapping.of(instance.sourceSystemOr(name), instance.mapping()), this.nonces, this.clock);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("openwd.connectors.instances." + name + ".settings: " + ex.getMessage(), ex);
		}
	}

	@Override
	public WriteBack createWriteBack(String name, ConnectorProperties.Instance instance) {
		Map<String, String> settings = instance.writeBack().settings();
		String secret = settings.getOrDefault("secret", instance.settings().get("secret"));
		return new WebhookWriteBack(URI.create(SourceFactory.required(settings, "url", name + ".write-back")),
				secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
				Duration.parse(settings.getOrDefault("timeout", "PT10S")), this.clock);
	}

	/** Nonces older than a day are dropped; windows are minutes. */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void purgeNonces() {
		this.nonces.purgeBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	private final class DatabaseNonces implements NonceStore {

		@Override
		public boolean remember(String source, String nonce, Instant receivedAt) {
			try {
				return jdbc.update("INSERT INTO owd_connector_webhook_nonce (connector, nonce, received_at) VALUES (?, ?, ?)",
						source, nonce, Timestamp.from(receivedAt)) == 1;
			}
			catch (DuplicateKeyException ex) {
				return false;
			}
		}

		@Override
		public void forget(String source, String nonce) {
			jdbc.update("DELETE FROM owd_connector_webhook_nonce WHERE connector = ? AND nonce = ?", source, nonce);
		}

		@Override
		public void purgeBefore(Instant before) {
			jdbc.update("DELETE FROM owd_connector_webhook_nonce WHERE received_at < ?", Timestamp.from(before));
		}

	}

}
