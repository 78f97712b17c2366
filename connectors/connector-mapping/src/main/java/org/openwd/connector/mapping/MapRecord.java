package org.openwd.connector.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A row of named values (database columns, CSV fields by header), read by name, ignoring case. */
public final class MapRecord implements SourceRecord {

	private final Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	public MapRecord(Map<String, ?> values) {
		this.values.putAll(values);
	}

	@Override
	public Object value(String path) {
		Object value = this.values.get(path.trim().toLowerCase(Locale.ROOT));
		if (value instanceof String text && text.isEmpty()) {
			return null;
		}
		return value;
	}

	public Map<String, Object> values() {
		return java.util.Collections.unmodifiableMap(this.values);
	}

}
