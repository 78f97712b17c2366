package org.openwd.connector.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class DependencyRulesTests {

	private final JavaClasses spi = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.openwd.connector.api");

	@Test
	void dependsOnNothingButTheJavaPlatform() {
		assertThat(this.spi.contain(CapturedItem.class)).as("the SPI's classes were imported").isTrue();
		noClasses().should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("java..", "org.openwd.connector.api..")
			.because("adapters must be able to use the SPI without Spring, Jackson or a logging library")
			.check(this.spi);
	}

}
