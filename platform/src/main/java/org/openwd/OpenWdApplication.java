package org.openwd;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** OpenWD: captures back-office work from many systems into one global task list and distributes it. */
@Modulithic(systemName = "OpenWD")
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class OpenWdApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OpenWdApplication.class);
		org.openwd.common.StartupSteps.configure(application); // -Dopenwd.startup.steps=N: where the start-up time goes
		application.run(args);
	}

}
