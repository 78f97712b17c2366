package org.openwd.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the integration suite runs: {@code h2} (embedded default: H2 + in-JVM broker) or {@code mariadb} (a real
 * MariaDB and RabbitMQ started by scripts/test.sh, through the application's own {@code mariadb} profile). Chosen by
 * the system property {@code openwd.it.db}, set per failsafe execution.
 */
public final class ItEnvironment {

	private ItEnvironment() {
	}

	public static boolean mariadb() {
		return "mariadb".equals(System.getProperty("openwd.it.db", "h2"));
	}

	/** Skips (locally) or fails (CI, openwd.it.required=true) when the MariaDB run lacks its servers. */
	public static void requireServers() {
		if (!mariadb()) {
			return;
		}
		String url = System.getProperty("openwd.it.mariadb.url", "");
		if (url.isBlank()) {
			if (Boolean.getBoolean("openwd.it.required")) {
				throw new IllegalStateException("openwd.it.required=true but openwd.it.mariadb.url is not set: run scripts/test.sh");
			}
			Assumptions.abort("No MariaDB configured (run scripts/test.sh for the MariaDB + RabbitMQ integration run)");
		}
	}

	/**
	 * Properties for one application context.
	 * @param database which database: 1 = the shared one, 2 = a second, private one (crash/restart tests)
	 * @param dataDir the data directory (H2 file database and broker work dir live there)
	 */
	public static Map<String, String> properties(int database, Path dataDir) {
		requireServers();
		Map<String, String> props = new LinkedHashMap<>();
		props.put("openwd.data-dir", dataDir.toString());
		props.put("server.port", "0");
		props.put("openwd.amqp.embedded.port", "0");
		props.put("openwd.distribution.pull-departments", "e2e-pull");
		// agents only the integration tests use, so their offers never mix with the demo users' work
		for (int i = 1; i <= 4; i++) {
			props.put("openwd.security.users[" + (i - 1) + "].username", "it-agent" + i);
			props.put("openwd.security.users[" + (i - 1) + "].password", "{noop}it-agent" + i);
			props.put("openwd.security.users[" + (i - 1) + "].roles", "AGENT");
		}
		// agents of the browser end-to-end test (WebUiE2EIT)
		for (int i = 1; i <= 3; i++) {
			props.put("openwd.security.users[" + (3 + i) + "].username", "ui-agent" + i);
			props.put("openwd.security.users[" + (3 + i) + "].password", "{noop}ui-agent" + i);
			props.put("openwd.security.users[" + (3 + i) + "].roles", "AGENT");
		}
		if (mariadb()) {
			props.put("spring.profiles.active", "mariadb");
			props.put("OPENWD_DB_URL", System.getProperty(database == 1 ? "openwd.it.mariadb.url" : "openwd.it.mariadb.url2"));
			props.put("OPENWD_DB_USERNAME", System.getProperty("openwd.it.mariadb.username"));
			props.put("OPENWD_DB_PASSWORD", System.getProperty("openwd.it.mariadb.password"));
			props.put("OPENWD_RABBIT_HOST", System.getProperty("openwd.it.rabbit.host"));
			props.put("OPENWD_RABBIT_PORT", System.getProperty("openwd.it.rabbit.port"));
			props.put("OPENWD_RABBIT_USERNAME", System.getProperty("openwd.it.rabbit.username"));
			props.put("OPENWD_RABBIT_PASSWORD", System.getProperty("openwd.it.rabbit.password"));
		}
		return props;
	}

	/** The same properties as command-line arguments, which outrank application.yml (default properties do not). */
	public static String[] arguments(int database, Path dataDir, Map<String, String> extra) {
		Map<String, String> all = new LinkedHashMap<>(properties(database, dataDir));
		all.putAll(extra);
		return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	public static Path newDataDir() {
		try {
			return Files.createTempDirectory("openwd-it-" + UUID.randomUUID().toString().substring(0, 8));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
