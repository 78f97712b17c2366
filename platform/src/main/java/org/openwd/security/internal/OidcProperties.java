package org.openwd.security.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openwd.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OIDC provider (Keycloak) of {@code openwd.security.mode=oidc}. See docs/operator-guide.md for the table.
 * @param issuerUri the provider's issuer, e.g. {@code https://sso.example.com/realms/openwd}; its
 * {@code /.well-known/openid-configuration} is read on first use, and tokens must carry exactly this {@code iss}
 * @param jwkSetUri where to fetch the token signing keys, if not the one the discovery document names (e.g. an address
 * inside a container network)
 * @param clientId the confidential client OpenWD's server uses for the browser login (authorization code flow)
 * @param clientSecret that client's secret (refused in production when it is a well-known default)
 * @param scopes scopes requested at login
 * @param usernameClaim the claim whose value is the user name: actor in task histories and employee id
 * @param rolesClaims dot-separated claim paths holding role names, e.g. {@code realm_access.roles} (Keycloak realm
 * roles) or {@code resource_access.openwd-web.roles} (client roles); all are read
 * @param roleMapping provider role name to platform roles, for names that are not simply a platform role's name
 * (names equal to a role, ignoring case, map to that role without an entry)
 * @param audiences bearer tokens must name one of these in {@code aud}; empty: not checked
 * @param postLogoutRedirectUri where the provider sends the browser after logout ({@code {baseUrl}} is OpenWD's own
 * URL)
 */
@ConfigurationProperties("openwd.security.oidc")
public record OidcProperties(String issuerUri, String jwkSetUri, String clientId, String clientSecret, List<String> scopes,
		String usernameClaim, List<String> rolesClaims, Map<String, Set<Role>> roleMapping, List<String> audiences,
		String postLogoutRedirectUri) {

	/** The registration id: the browser login starts at {@code /oauth2/authorization/oidc}. */
	public static final String REGISTRATION_ID = "oidc";

	public OidcProperties {
		clientId = blankToDefault(clientId, "openwd-web");
		scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
		usernameClaim = blankToDefault(usernameClaim, "preferred_username");
		rolesClaims = rolesClaims == null || rolesClaims.isEmpty() ? List.of("realm_access.roles") : List.copyOf(rolesClaims);
		roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
		audiences = audiences == null ? List.of() : List.copyOf(audiences);
		postLogoutRedirectUri = blankToDefault(postLogoutRedirectUri, "{baseUrl}/");
	}

	private static String blankToDefault(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

}
