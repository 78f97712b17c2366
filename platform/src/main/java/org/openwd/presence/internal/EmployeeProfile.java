package org.openwd.presence.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.openwd.presence.internal.InvalidEmployeeDataException.Violation;

/**
 * The data of an employee that administrators and supervisors edit (everything except presence). Saving a profile
 * replaces all of it: a field left out takes its default.
 *
 * @param displayName name shown to supervisors; defaults to the id
 * @param team team, or {@code null}
 * @param department department, or {@code null}
 * @param skills skill name to proficiency 0-10; names are stored in lower case
 * @param channelCapacity channel to the most tasks at once (0 or more); names are stored in lower case
 * @param totalCapacity most tasks at once over all channels; defaults to the sum of the channel capacities
 * @param shiftEnd when the current shift ends, or {@code null}
 * @param outOfOffice away: personal work goes to the substitute
 * @param substitute another employee who takes personal work while this one is away, or {@code null}
 */
public record EmployeeProfile(String displayName, String team, String department, Map<String, Integer> skills,
		Map<String, Integer> channelCapacity, Integer totalCapacity, Instant shiftEnd, boolean outOfOffice, String substitute) {

	public static final int MAX_PROFICIENCY = 10;

	public static final int MAX_CAPACITY = 1000;

	static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@\\-]{0,99}");

	static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,99}");

	public EmployeeProfile {
		skills = skills == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(skills));
		channelCapacity = channelCapacity == null ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(channelCapacity));
	}

	/** Everything wrong with this profile for employee {@code id} (whether the substitute exists is the store's check). */
	public List<Violation> problems(String id) {
		List<Violation> problems = new ArrayList<>();
		if (id == null || !ID.matcher(id).matches()) {
			problems.add(new Violation("id", "must be a login name of at most 100 letters, digits and . _ @ -, starting "
					+ "with a letter or digit"));
		}
		text(problems, "displayName", displayName, 200);
		text(problems, "team", team, 100);
		text(problems, "department", department, 100);
		names(problems, "skills", skills, 0, MAX_PROFICIENCY);
		names(problems, "channelCapacity", channelCapacity, 0, MAX_CAPACITY);
		if (totalCapacity != null && (totalCapacity < 0 || totalCapacity > MAX_CAPACITY)) {
			problems.add(new Violation("totalCapacity", "must be between 0 and %d".formatted(MAX_CAPACITY)));
		}
		String sub = blankToNull(substitute);
		if (sub != null && sub.equals(id)) {
			problems.add(new Violation("substitute", "must be another employee, not '%s' themself".formatted(id)));
		}
		else if (sub != null && !ID.matcher(sub).matches()) {
			problems.add(new Violation("substitute", "must be the id (login name) of an employee"));
		}
		return problems;
	}

	/** The profile as stored: trimmed, names in lower case, defaults filled in. Only valid for a profile without problems. */
	public EmployeeProfile normalised(String id) {
		Map<String, Integer> cleanSkills = lowerCaseKeys(skills);
		Map<String, Integer> cleanCapacity = lowerCaseKeys(channelCapacity);
		int total = totalCapacity != null ? totalCapacity
				: Math.min(MAX_CAPACITY, cleanCapacity.values().stream().mapToInt(Integer::intValue).sum());
		String name = blankToNull(displayName);
		return new EmployeeProfile(name == null ? id : name, blankToNull(team), blankToNull(department), cleanSkills, cleanCapacity,
				total, shiftEnd == null ? null : shiftEnd.truncatedTo(ChronoUnit.MICROS), outOfOffice, blankToNull(substitute));
	}

	private static void text(List<Violation> problems, String field, String value, int max) {
		if (value != null && value.trim().length() > max) {
			problems.add(new Violation(field, "must be at most %d characters".formatted(max)));
		}
	}

	private static void names(List<Violation> problems, String field, Map<String, Integer> values, int min, int max) {
		if (values.size() > 200) {
			problems.add(new Violation(field, "must have at most 200 entries"));
			return;
		}
		Map<String, String> seen = new TreeMap<>();
		values.forEach((name, value) -> {
			String path = field + "." + name;
			String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
			if (!NAME.matcher(key).matches()) {
				problems.add(new Violation(path, "is not a valid name: at most 100 letters, digits and . _ : -, starting with a "
						+ "letter or digit"));
			}
			else if (seen.put(key, name) != null) {
				problems.add(new Violation(path, "is given twice (names are not case-sensitive)"));
			}
			if (value == null || value < min || value > max) {
				problems.add(new Violation(path, "must be between %d and %d".formatted(min, max)));
			}
		});
	}

	private static Map<String, Integer> lowerCaseKeys(Map<String, Integer> values) {
		Map<String, Integer> result = new TreeMap<>();
		values.forEach((name, value) -> result.put(name.trim().toLowerCase(Locale.ROOT), value));
		return Collections.unmodifiableMap(result);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
