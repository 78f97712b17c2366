package org.openwd.security.internal;

import java.util.List;
import java.util.Set;

import org.openwd.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may log in when OpenWD keeps its own user list ({@code local} mode).
 * @param mode {@code local}: users below; {@code oidc}: an OIDC provider such as Keycloak ({@code openwd.security.oidc.*})
 * @param demoUsers whether the documented demo users exist (embedded default only; refused in production)
 * @param users configured users with encoded passwords ({@code {bcrypt}...})
 */
@ConfigurationProperties("openwd.security")
public record SecurityProperties(String mode, boolean demoUsers, List<User> users) {

	public SecurityProperties {
		mode = mode == null || mode.isBlank() ? "local" : mode;
		if (!mode.equals("local") && !mode.equals("oidc")) {
			throw new IllegalArgumentException("openwd.security.mode must be local or oidc, not '" + mode + "'");
		}
		users = users == null ? List.of() : List.copyOf(users);
	}

	/**
	 * @param username login name
	 * @param password encoded password with its id prefix, e.g. {@code {bcrypt}$2a$10$...}
	 * @param roles platform roles
	 */
	public record User(String username, String password, Set<Role> roles) {
	}

}
