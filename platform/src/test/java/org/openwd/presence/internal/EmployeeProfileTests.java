package org.openwd.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.openwd.presence.internal.InvalidEmployeeDataException.Violation;

/** Profile validation names every offending field; normalisation fills in defaults and lower-cases names. */
class EmployeeProfileTests {

	@Test
	void aCompleteProfileHasNoProblems() {
		assertThat(profile(Map.of("claims", 10, "billing", 0), Map.of("case", 1), 1, null).problems("ann")).isEmpty();
	}

	@Test
	void namesEachProficiencyOutsideZeroToTen() {
		Map<String, Integer> skills = new HashMap<>();
		skills.put("claims", 11);
		skills.put("billing", -1);
		skills.put("service", null);
		assertThat(fields(profile(skills, Map.of(), null, null).problems("ann"))).containsExactlyInAnyOrder("skills.claims",
				"skills.billing", "skills.service");
	}

	@Test
	void namesNegativeCapacities() {
		assertThat(fields(profile(Map.of(), Map.of("email", -1), -2, null).problems("ann")))
			.containsExactlyInAnyOrder("channelCapacity.email", "totalCapacity");
	}

	@Test
	void refusesInvalidAndDuplicateNames() {
		assertThat(fields(profile(Map.of("has space", 1, "Claims", 2, "claims", 3), Map.of(), null, null).problems("ann")))
			.hasSize(2)
			.contains("skills.has space")
			.containsAnyOf("skills.Claims", "skills.claims");
	}

	@Test
	void anEmployeeCannotBeTheirOwnSubstitute() {
		assertThat(profile(Map.of(), Map.of(), null, "ann").problems("ann"))
			.containsExactly(new Violation("substitute", "must be another employee, not 'ann' themself"));
	}

	@Test
	void refusesAnIdThatIsNoLoginName() {
		assertThat(fields(profile(Map.of(), Map.of(), null, null).problems("ann smith"))).containsExactly("id");
	}

	@Test
	void normalisesNamesToLowerCaseAndFillsInDefaults() {
		EmployeeProfile clean = new EmployeeProfile(" ", " claims-a ", "", Map.of("Claims", 9), Map.of("EMAIL", 3, "case", 1), null,
				Instant.parse("2026-03-02T17:00:00.123456789Z"), true, " bob ").normalised("ann");
		assertThat(clean.displayName()).isEqualTo("ann");
		assertThat(clean.team()).isEqualTo("claims-a");
		assertThat(clean.department()).isNull();
		assertThat(clean.skills()).containsExactly(Map.entry("claims", 9));
		assertThat(clean.channelCapacity()).containsExactly(Map.entry("case", 1), Map.entry("email", 3));
		assertThat(clean.totalCapacity()).isEqualTo(4);
		assertThat(clean.shiftEnd()).isEqualTo(Instant.parse("2026-03-02T17:00:00.123456Z"));
		assertThat(clean.substitute()).isEqualTo("bob");
	}

	private static EmployeeProfile profile(Map<String, Integer> skills, Map<String, Integer> capacity, Integer total,
			String substitute) {
		return new EmployeeProfile("Ann", "team", "dept", skills, capacity, total, null, false, substitute);
	}

	private static List<String> fields(List<Violation> violations) {
		return violations.stream().map(Violation::field).toList();
	}

}
