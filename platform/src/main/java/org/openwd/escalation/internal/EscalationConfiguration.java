package org.openwd.escalation.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Wires the module and installs the shipped default model on first start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EscalationProperties.class)
class EscalationConfiguration {

	@Bean
	@Order(20)
	ApplicationRunner escalationDefaultModel(EscalationModels models) {
		return (ApplicationArguments args) -> models.installDefault();
	}

}
