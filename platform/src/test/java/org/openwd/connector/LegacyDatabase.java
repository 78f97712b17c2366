package org.openwd.connector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.openwd.testing.ItEnvironment;

/**
 * The "legacy ERP" database the JDBC connector polls: an in-memory H2 database in the H2 run, a database
 * {@code openwd_legacy_it} on the test MariaDB server in the MariaDB run. Holds the table {@code legacy_claim}.
 */
final class LegacyDatabase {

	static final String H2_URL = "jdbc:h2:mem:openwd-legacy;DB_CLOSE_DELAY=-1";

	private LegacyDatabase() {
	}

	static String url() {
		return ItEnvironment.mariadb() ? mariadbUrl("openwd_legacy_it") : H2_URL;
	}

	/** The URL of another database on the test MariaDB server. */
	static String mariadbUrl(String database) {
		String shared = System.getProperty("openwd.it.mariadb.url");
		int slash = shared.lastIndexOf('/');
		int query = shared.indexOf('?', slash);
		return shared.substring(0, slash + 1) + database + (query < 0 ? "" : shared.substring(query));
	}

	/** Creates a database on the test MariaDB server (the test user may create openwd_* databases). */
	static void createMariadbDatabase(String database) {
		try (Connection server = DriverManager.getConnection(System.getProperty("openwd.it.mariadb.url"), username(),
				password()); Statement statement = server.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create database " + database, ex);
		}
	}

	static String username() {
		return ItEnvironment.mariadb() ? System.getProperty("openwd.it.mariadb.username") : "sa";
	}

	static String password() {
		return ItEnvironment.mariadb() ? System.getProperty("openwd.it.mariadb.password") : "";
	}

	static Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), username(), password());
	}

	/** Creates the legacy database (MariaDB) and a fresh legacy table. */
	static void create() {
		try {
			if (ItEnvironment.mariadb()) {
				createMariadbDatabase("openwd_legacy_it");
			}
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("DROP TABLE IF EXISTS legacy_claim");
				statement.execute("CREATE TABLE legacy_claim (claim_no VARCHAR(50) NOT NULL PRIMARY KEY, subject VARCHAR(200),"
						+ " status VARCHAR(20) NOT NULL, amount DECIMAL(10,2), received VARCHAR(20), updated_at TIMESTAMP(6) NOT NULL,"
						+ " owd_state VARCHAR(20), owd_outcome VARCHAR(100))");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create the legacy table", ex);
		}
	}

	static void sql(String sql, Object... args) {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			statement.execute();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String column(String claimNo, String column) {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement("SELECT " + column + " FROM legacy_claim WHERE claim_no = ?")) {
			statement.setString(1, claimNo);
			try (var rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
