package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTests {

	static final String BCRYPT = "{bcrypt}$2a$10$abcdefghijklmnopqrstuuJ1K8mJQ6sL7sQ0pqdXfVtJxYk4l2m3W";

	MockEnvironment safeEnvironment() {
		return new MockEnvironment().withProperty("spring.datasource.url", "jdbc:mariadb://db:3306/openwd")
			.withProperty("spring.datasource.password", "s3cr3t-Db-pass")
			.withProperty("spring.rabbitmq.password", "s3cr3t-Mq-pass")
			.withProperty("openwd.amqp.embedded.enabled", "false");
	}

	@Test
	void acceptsAProductionSetupWithoutDefaults() {
		var guard = new ProductionGuard(new SecurityProperties("local", false,
				List.of(new SecurityProperties.User("ops", BCRYPT, Set.of(Role.ADMIN)))), safeEnvironment());
		assertThat(guard.check()).isEmpty();
	}

	@Test
	void namesEveryDefaultSecretAndDemoSetting() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/db")
			.withProperty("spring.datasource.password", "openwd")
			.withProperty("openwd.amqp.embedded.enabled", "true");
		var guard = new ProductionGuard(new SecurityProperties("local", true,
				List.of(new SecurityProperties.User("ops", "{noop}ops", Set.of(Role.ADMIN)))), environment);
		assertThat(guard.check()).hasSize(6)
			.anyMatch(p -> p.contains("demo-users"))
			.anyMatch(p -> p.contains("embedded"))
			.anyMatch(p -> p.contains("H2"))
			.anyMatch(p -> p.contains("spring.datasource.password"))
			.anyMatch(p -> p.contains("spring.rabbitmq.password"))
			.anyMatch(p -> p.contains("users[ops]"));
	}

	@Test
	void inOidcModeRefusesTheDemoRealmsClientSecretAndAMissingIssuer() {
		var guard = new ProductionGuard(new SecurityProperties("oidc", false, List.of()),
				safeEnvironment().withProperty("openwd.security.oidc.client-secret", "openwd-web-secret"));
		assertThat(guard.check()).containsExactlyInAnyOrder(
				"openwd.security.oidc.client-secret is missing or a well-known default",
				"openwd.security.oidc.issuer-uri must be set");

		var configured = new ProductionGuard(new SecurityProperties("oidc", false, List.of()),
				safeEnvironment().withProperty("openwd.security.oidc.client-secret", "Zr8v-generated-9Qw2")
					.withProperty("openwd.security.oidc.issuer-uri", "https://sso.example.com/realms/openwd"));
		assertThat(configured.check()).isEmpty();

		var plainHttp = new ProductionGuard(new SecurityProperties("oidc", false, List.of()),
				safeEnvironment().withProperty("openwd.security.oidc.client-secret", "Zr8v-generated-9Qw2")
					.withProperty("openwd.security.oidc.issuer-uri", "http://sso.example.com/realms/openwd"));
		assertThat(plainHttp.check()).containsExactly("openwd.security.oidc.issuer-uri must use https (or a loopback address)");
		var loopback = new ProductionGuard(new SecurityProperties("oidc", false, List.of()),
				safeEnvironment().withProperty("openwd.security.oidc.client-secret", "Zr8v-generated-9Qw2")
					.withProperty("openwd.security.oidc.issuer-uri", "http://127.0.0.1:8180/realms/openwd"));
		assertThat(loopback.check()).isEmpty();
	}

	@Test
	void refusesAnUnknownSecurityMode() {
		assertThatThrownBy(() -> new SecurityProperties("ldap", false, List.of()))
			.hasMessageContaining("openwd.security.mode must be local or oidc");
	}

	@Test
	void theProdProfileRefusesToStartWithDefaultSecrets() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(OpenWdApplication.class)
			.properties("spring.profiles.active=prod", "server.port=0", "spring.datasource.url=jdbc:h2:mem:prod-guard",
					"spring.rabbitmq.password=guest")
			.run()
			.close()).hasStackTraceContaining("OpenWD refuses to start in production")
			.hasStackTraceContaining("spring.rabbitmq.password")
			.hasStackTraceContaining("spring.datasource.url must point to MariaDB");
	}

}
