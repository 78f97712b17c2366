package org.openwd.connector.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Configuration of one polling source.
 *
 * @param table the legacy table (or view) to poll; required
 * @param watermarkColumn a column that grows whenever a row is inserted or changed (a last-modified timestamp, a
 * sequence); required
 * @param keyColumn a unique column that breaks ties between rows with the same watermark; required
 * @param columns the columns to read; default {@code *}
 * @param where an extra SQL condition, e.g. {@code queue = 'claims'}; optional
 * @param batchSize rows per query; default 100
 * @param pollInterval wait between polls when the last one found nothing; default 5s
 * @param retryBackoff wait after a retryable failure; default 2s
 */
public record JdbcSourceSettings(String table, String watermarkColumn, String keyColumn, String columns, String where,
		int batchSize, Duration pollInterval, Duration retryBackoff) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]*");

	public JdbcSourceSettings {
		identifier(table, "table");
		identifier(watermarkColumn, "watermark-column");
		identifier(keyColumn, "key-column");
		columns = columns == null || columns.isBlank() ? "*" : columns;
		if (batchSize < 1) {
			throw new IllegalArgumentException("batch-size must be at least 1 but is " + batchSize);
		}
		pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
		retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
	}

	static String identifier(String value, String setting) {
		if (value == null || !IDENTIFIER.matcher(value).matches()) {
			throw new IllegalArgumentException(setting + " must be an SQL identifier but is " + value);
		}
		return value;
	}

	/** From flat settings: table, watermark-column, key-column, columns, where, batch-size, poll-interval, retry-backoff. */
	public static JdbcSourceSettings from(Map<String, String> settings) {
		return new JdbcSourceSettings(settings.get("table"), settings.get("watermark-column"), settings.get("key-column"),
				settings.get("columns"), settings.get("where"), Integer.parseInt(settings.getOrDefault("batch-size", "100")),
				settings.containsKey("poll-interval") ? Duration.parse(settings.get("poll-interval")) : null,
				settings.containsKey("retry-backoff") ? Duration.parse(settings.get("retry-backoff")) : null);
	}

}
