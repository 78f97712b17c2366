package org.openwd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package rules the module check does not cover. */
class ArchitectureTests {

	static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.openwd");

	@Test
	void onlyEscalationAndTheRulesInternalsTalkToCamunda() {
		// and the BPM bridge adapter (connectors/connector-bpm-bridge), whose job is to talk to the engine
		noClasses().that().resideOutsideOfPackages("org.openwd.escalation..", "org.openwd.rules.internal..",
				"org.openwd.connector.bpm..")
			.should().dependOnClassesThat().resideInAPackage("org.camunda..")
			.allowEmptyShould(true)
			.check(CLASSES);
	}

	@Test
	void theTaskApiExposesNoPersistenceOrWebTypes() {
		noClasses().that().resideInAPackage("org.openwd.task")
			.should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.springframework.web..")
			.check(CLASSES);
	}

	@Test
	void domainCodeTakesTimeFromTheInjectedClock() {
		noClasses().that().resideInAPackage("org.openwd.task..")
			.should().callMethod(java.time.Instant.class, "now")
			.check(CLASSES);
	}

}
