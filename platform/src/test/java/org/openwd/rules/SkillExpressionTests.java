package org.openwd.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SkillExpressionTests {

	@Test
	void matchesEmployeesWhoseProficienciesMeetEveryRequirement() {
		SkillExpression expression = SkillExpression.parse("policy_service>=7 && German");
		assertThat(expression.matches(Map.of("policy_service", 8, "german", 1))).isTrue();
		assertThat(expression.matches(Map.of("policy_service", 6, "german", 5))).isFalse();
		assertThat(expression.matches(Map.of("policy_service", 10))).isFalse();
	}

	@Test
	void aStarMatchesEveryoneAndABareSkillMeansAtLeastOne() {
		assertThat(SkillExpression.parse("*").matches(Map.of())).isTrue();
		assertThat(SkillExpression.parse("claims").matches(Map.of("claims", 1))).isTrue();
		assertThat(SkillExpression.parse("claims").matches(Map.of("claims", 0))).isFalse();
		assertThat(SkillExpression.parse("claims=5, water<3").matches(Map.of("claims", 5, "water", 2))).isTrue();
	}

	@Test
	void refusesMalformedExpressionsSayingWhichPart() {
		assertThatThrownBy(() -> SkillExpression.parse("claims>>9")).hasMessageContaining("claims>>9");
		assertThatThrownBy(() -> SkillExpression.parse("claims>=11")).hasMessageContaining("above 10");
		assertThatThrownBy(() -> SkillExpression.parse(" ")).hasMessageContaining("blank");
	}

	@Test
	void theCascadeWidensAfterEachTargetsWait() {
		RoutingProfile profile = new RoutingProfile("claims", null, null,
				new RoutingProfile.Priority(10, 3, Duration.ofSeconds(20), 100, 0.0),
				new RoutingProfile.Sla(Duration.ofHours(4), false, null), "standard", null, false,
				List.of(new RoutingProfile.Target("claims>=9", Duration.ofSeconds(15)),
						new RoutingProfile.Target("claims>=6", Duration.ofSeconds(75)), new RoutingProfile.Target("claims", null)),
				null, null, null, null, null);
		assertThat(profile.problems()).isEmpty();
		assertThat(profile.targetIndexAfter(Duration.ZERO)).isZero();
		assertThat(profile.targetIndexAfter(Duration.ofSeconds(14))).isZero();
		assertThat(profile.targetIndexAfter(Duration.ofSeconds(15))).isEqualTo(1);
		assertThat(profile.targetIndexAfter(Duration.ofSeconds(89))).isEqualTo(1);
		assertThat(profile.targetIndexAfter(Duration.ofSeconds(90))).isEqualTo(2);
		assertThat(profile.targetIndexAfter(Duration.ofDays(9))).isEqualTo(2);
	}

	@Test
	void aRoutingProfileNamesEveryProblem() {
		RoutingProfile profile = new RoutingProfile("Bad Name", null, null,
				new RoutingProfile.Priority(50, -1, Duration.ZERO, 10, 500.0), new RoutingProfile.Sla(null, false, null), "x",
				Duration.ZERO, false, List.of(new RoutingProfile.Target("claims>=9", null), new RoutingProfile.Target("?", null)),
				120, -1, null, null, null);
		assertThat(profile.problems()).extracting(p -> p.substring(0, p.indexOf(':')))
			.contains("name", "priority.interval", "priority.increment", "priority.max", "priority.valueWeight", "sla.duration",
					"offerTimeout", "targets[0].waitBeforeWidening", "targets[1].skills", "borrowBelowPercent",
					"lendAtOrAbovePercent");
	}

}
