package org.openwd.rules.calendar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CalendarDependencyTests {

	static final JavaClasses CALENDAR = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.openwd.rules.calendar");

	@Test
	void calendarMathDependsOnTheJdkOnly() {
		classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.openwd.rules.calendar..").check(CALENDAR);
	}

	@Test
	void calendarMathNeverReadsTheClock() {
		noClasses().should().callMethod(Instant.class, "now")
			.orShould().dependOnClassesThat().areAssignableTo(Clock.class)
			.check(CALENDAR);
	}

}
