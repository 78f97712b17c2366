package org.openwd.connector.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;
import org.openwd.connector.jdbc.JdbcPollingSource;
import org.openwd.connector.jdbc.JdbcSourceSettings;
import org.openwd.connector.jdbc.JdbcWriteBack;
import org.openwd.connector.jdbc.WatermarkStore;
import org.openwd.connector.mapping.ItemMapping;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code type=jdbc}: polls a legacy table. With {@code settings.url} (and username, password) it connects to the
 * legacy database through a small HikariCP pool of its own; without, it reads the platform's own database. The
 * watermark is kept in the platform's table owd_connector_watermark. Write-back {@code type=jdbc} updates a column
 * of the same table ({@code write-back.settings.table}, {@code key-column}, {@code state-column},
 * {@code outcome-column}, {@code values.<STATE>}).
 */
final class JdbcSourceFactory implements SourceFactory, AutoCloseable {

	private final DataSource platformDataSource;

	private final JdbcTemplate platform;

	private final Clock clock;

	private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

	JdbcSourceFactory(DataSource platformDataSource, Clock clock) {
		this.platformDataSource = platformDataSource;
		this.platform = new JdbcTemplate(platformDataSource);
		this.clock = clock;
	}

	@Override
	public String type() {
		return "jdbc";
	}

	@Override
	public ConnectorSource createSource(String name, ConnectorProperties.Instance instance) {
		try {
			return new JdbcPollingSource(name, dataSource(name, instance.settings()),
					JdbcSourceSettings.from(instance.settings()), ItemMapping.of(instance.sourceSystemOr(name), instance.mapping()),
					new PlatformWatermarks(), this.clock);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("openwd.connectors.instances." + name + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public WriteBack createWriteBack(String name, ConnectorProperties.Instance instance) {
		Map<String, String> settings = new LinkedHashMap<>(instance.settings());
		settings.putAll(instance.writeBack().settings());
		Map<String, String> values = new LinkedHashMap<>();
		settings.forEach((key, value) -> {
			if (key.startsWith("values.")) {
				values.put(key.substring("values.".length()), value);
			}
		});
		String key = settings.getOrDefault("write-back-key-column", settings.get("key-column"));
		try {
			return new JdbcWriteBack(dataSource(name, settings), SourceFactory.required(settings, "table", name), key,
					SourceFactory.required(settings, "state-column", name), settings.get("outcome-column"), values);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("openwd.connectors.instances." + name + ".write-back: " + ex.getMessage(), ex);
		}
	}

	private DataSource dataSource(String name, Map<String, String> settings) {
		String url = settings.get("url");
		if (url == null || url.isBlank()) {
			return this.platformDataSource;
		}
		return this.pools.computeIfAbsent(name, key -> {
			HikariConfig config = new HikariConfig();
			config.setPoolName("openwd-connector-" + name);
			config.setJdbcUrl(url);
			config.setUsername(settings.get("username"));
			config.setPassword(settings.get("password"));
			config.setMaximumPoolSize(Integer.parseInt(settings.getOrDefault("pool-size", "2")));
			config.setInitializationFailTimeout(-1);
			return new HikariDataSource(config);
		});
	}

	@Override
	public void close() {
		this.pools.values().forEach(HikariDataSource::close);
	}

	/** Watermarks in the platform's database. */
	private final class PlatformWatermarks implements WatermarkStore {

		@Override
		public Optional<Position> load(String source) {
			return platform.query("SELECT watermark, row_key FROM owd_connector_watermark WHERE connector = ?",
					(rs, row) -> new Position(rs.getString(1), rs.getString(2)), source).stream().findFirst();
		}

		@Override
		public void save(String source, Position position) {
			Timestamp now = Timestamp.from(clock.instant());
			if (platform.update("UPDATE owd_connector_watermark SET watermark = ?, row_key = ?, updated_at = ? WHERE connector = ?",
					position.watermark(), position.key(), now, source) == 0) {
				platform.update("INSERT INTO owd_connector_watermark (connector, watermark, row_key, updated_at) VALUES (?, ?, ?, ?)",
						source, position.watermark(), position.key(), now);
			}
		}

	}

}
