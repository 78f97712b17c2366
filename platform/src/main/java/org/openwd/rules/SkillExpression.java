package org.openwd.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which employees a cascade target reaches: skill requirements joined by {@code &&} ({@code and}, or a comma), e.g.
 * {@code policy_service>=7 && german}. A bare skill name means proficiency {@code >= 1}; {@code *} matches everyone.
 * Proficiencies are 0-10.
 */
public final class SkillExpression {

	private static final Pattern TERM = Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._:\\-]*)\\s*(?:(>=|>|=|<=|<)\\s*(\\d{1,2}))?\\s*");

	/** One requirement. */
	public record Requirement(String skill, String operator, int level) {

		boolean test(Integer proficiency) {
			if (proficiency == null) {
				return false;
			}
			return switch (operator) {
				case ">=" -> proficiency >= level;
				case ">" -> proficiency > level;
				case "=" -> proficiency == level;
				case "<=" -> proficiency <= level;
				case "<" -> proficiency < level;
				default -> false;
			};
		}

	}

	private final String text;

	private final List<Requirement> requirements;

	private SkillExpression(String text, List<Requirement> requirements) {
		this.text = text;
		this.requirements = List.copyOf(requirements);
	}

	/** Parses an expression; throws IllegalArgumentException saying where it is wrong. */
	public static SkillExpression parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("skill expression must not be blank");
		}
		String trimmed = text.trim();
		if (trimmed.equals("*")) {
			return new SkillExpression("*", List.of());
		}
		List<Requirement> requirements = new ArrayList<>();
		for (String part : trimmed.split("&&|,|\\s+(?i:and)\\s+")) {
			Matcher m = TERM.matcher(part);
			if (!m.matches()) {
				throw new IllegalArgumentException("'%s' is not a skill requirement such as claims>=7".formatted(part.trim()));
			}
			int level = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
			if (level > 10) {
				throw new IllegalArgumentException("proficiency %d in '%s' is above 10".formatted(level, part.trim()));
			}
			requirements.add(new Requirement(m.group(1).toLowerCase(Locale.ROOT), m.group(2) == null ? ">=" : m.group(2), level));
		}
		return new SkillExpression(trimmed, requirements);
	}

	/** Whether someone with these proficiencies (skill name to 0-10) satisfies every requirement. */
	public boolean matches(Map<String, Integer> proficiencies) {
		for (Requirement requirement : requirements) {
			if (!requirement.test(proficiencies.get(requirement.skill()))) {
				return false;
			}
		}
		return true;
	}

	public List<Requirement> requirements() {
		return requirements;
	}

	@Override
	public String toString() {
		return text;
	}

}
