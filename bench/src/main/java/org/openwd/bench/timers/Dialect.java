package org.openwd.bench.timers;

/** The few SQL fragments that differ between MariaDB and H2 in the set-based cloning. */
enum Dialect {

	MARIADB, H2;

	static Dialect of(String jdbcUrl) {
		if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
			return MARIADB;
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return H2;
		}
		throw new IllegalArgumentException("timers supports MariaDB and H2, not " + jdbcUrl);
	}

	/** A derived table with one column {@code n} holding {@code from..to} (MariaDB's SEQUENCE engine, H2's range). */
	String numbers(long from, long to) {
		return switch (this) {
			case MARIADB -> "(select seq as n from seq_" + from + "_to_" + to + ")";
			case H2 -> "(select x as n from system_range(" + from + ", " + to + "))";
		};
	}

	/** A timestamp parameter where H2 cannot infer the type (inside TIMESTAMPADD). */
	String timestampParameter() {
		return this == H2 ? "cast(? as timestamp)" : "?";
	}

	/** {@code n} as a 12-digit, zero-padded string: the node part of a cloned id. */
	String twelveDigits(String n) {
		return switch (this) {
			case MARIADB -> "lpad(cast(" + n + " as char), 12, '0')";
			case H2 -> "lpad(cast(" + n + " as varchar), 12, '0')";
		};
	}

}
