package org.openwd.connector.example.acme;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record layout of ACME's spool: named fields at 1-based, inclusive column ranges, written
 * {@code claim:1-10,action:11-11,title:12-51,due:52-59}. Slices a line into a map the mapping reads by field name.
 */
record SpoolLayout(Map<String, int[]> fields, int width) {

	static SpoolLayout parse(String spec) {
		if (spec == null || spec.isBlank()) {
			throw new IllegalArgumentException("layout is required, e.g. claim:1-10,action:11-11,title:12-51");
		}
		Map<String, int[]> fields = new LinkedHashMap<>();
		int width = 0;
		for (String part : spec.split(",")) {
			String[] nameAndRange = part.trim().split(":");
			String[] range = nameAndRange.length == 2 ? nameAndRange[1].split("-") : new String[0];
			if (range.length != 2) {
				throw new IllegalArgumentException("layout entry " + part + " is not NAME:FROM-TO");
			}
			int from = Integer.parseInt(range[0].trim());
			int to = Integer.parseInt(range[1].trim());
			if (from < 1 || to < from) {
				throw new IllegalArgumentException("layout entry " + part + " has an empty or negative range");
			}
			fields.put(nameAndRange[0].trim(), new int[] { from, to });
			width = Math.max(width, to);
		}
		return new SpoolLayout(Map.copyOf(fields), width);
	}

	/**
	 * @throws IllegalArgumentException when the line is shorter than the layout
	 */
	Map<String, Object> slice(String line) {
		if (line.length() < this.width) {
			throw new IllegalArgumentException("record is " + line.length() + " characters, the layout needs " + this.width);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		this.fields.forEach((name, range) -> values.put(name, line.substring(range[0] - 1, range[1]).strip()));
		return values;
	}

}
