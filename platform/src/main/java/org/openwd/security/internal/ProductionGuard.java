package org.openwd.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the {@code prod} profile with demo users or default secrets (database, broker, the OIDC client
 * secret), naming each offending setting.
 */
@Component
@Profile("prod")
class ProductionGuard implements InitializingBean {

	static final Set<String> DEFAULT_SECRETS = Set.of("", "openwd", "openwd-it", "openwd-embedded", "password", "secret",
			"changeme", "change-me", "admin", "guest", "sa", "root",
			// the client secrets of the demo realm docker/keycloak/import/openwd-realm.json
			"openwd-web-secret", "openwd-connector-secret");

	private static final java.util.regex.Pattern LOOPBACK = java.util.regex.Pattern
		.compile("http://(127\\.[0-9.]+|localhost|\\[::1])(:[0-9]+)?(/|$)");

	private final SecurityProperties security;

	private final Environment environment;

	ProductionGuard(SecurityProperties security, Environment environment) {
		this.security = security;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		List<String> problems = check();
		if (!problems.isEmpty()) {
			throw new IllegalStateException("OpenWD refuses to start in production: " + String.join("; ", problems));
		}
	}

	List<String> check() {
		List<String> problems = new ArrayList<>();
		if (security.demoUsers()) {
			problems.add("openwd.security.demo-users must be false");
		}
		if ("true".equals(environment.getProperty("openwd.amqp.embedded.enabled"))) {
			problems.add("openwd.amqp.embedded.enabled must be false (use RabbitMQ)");
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.startsWith("jdbc:h2:")) {
			problems.add("spring.datasource.url must point to MariaDB, not H2");
		}
		checkSecret(problems, "spring.datasource.password");
		checkSecret(problems, "spring.rabbitmq.password");
		if ("oidc".equals(security.mode())) {
			checkSecret(problems, "openwd.security.oidc.client-secret");
			String issuer = environment.getProperty("openwd.security.oidc.issuer-uri", "");
			if (issuer.isBlank()) {
				problems.add("openwd.security.oidc.issuer-uri must be set");
			}
			else if (issuer.startsWith("http:") && !LOOPBACK.matcher(issuer).lookingAt()) {
				// tokens, codes and the client secret would cross the network in clear text
				problems.add("openwd.security.oidc.issuer-uri must use https (or a loopback address)");
			}
		}
		for (SecurityProperties.User user : security.users()) {
			String password = user.password() == null ? "" : user.password();
			if (!password.startsWith("{") || password.startsWith("{noop}")) {
				problems.add("openwd.security.users[%s].password must be an encoded hash such as {bcrypt}..."
					.formatted(user.username()));
			}
		}
		return problems;
	}

	private void checkSecret(List<String> problems, String property) {
		String value = environment.getProperty(property);
		if (value == null || DEFAULT_SECRETS.contains(value.toLowerCase(Locale.ROOT))) {
			problems.add(property + " is missing or a well-known default");
		}
	}

}
