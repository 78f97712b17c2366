package org.openwd.reporting;

import java.util.Arrays;
import java.util.Locale;

/** What the supervisor view groups tasks by. {@link #QUEUE} is the routing profile (the virtual queue). */
public enum Dimension {

	ALL("all", null), DEPARTMENT("department", "department"), PROCESS("process", "process"),
	QUEUE("queue", "routing_profile");

	private final String key;

	private final String column;

	Dimension(String key, String column) {
		this.key = key;
		this.column = column;
	}

	/** The name used in URLs and in the counters' {@code dim_kind} column. */
	public String key() {
		return key;
	}

	/** The {@code owd_task} column, or {@code null} for {@link #ALL}. */
	public String column() {
		return column;
	}

	public static Dimension parse(String value) {
		return Arrays.stream(values())
			.filter(d -> d.key.equals(value.toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("one of " + Arrays.stream(values()).map(Dimension::key).toList()));
	}

}
