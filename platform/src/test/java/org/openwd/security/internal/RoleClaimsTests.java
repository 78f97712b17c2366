package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.openwd.security.Role;
import org.springframework.security.core.GrantedAuthority;

class RoleClaimsTests {

	static final Map<String, Object> KEYCLOAK_TOKEN = Map.of("preferred_username", "ann", "realm_access",
			Map.of("roles", List.of("offline_access", "agent", "default-roles-openwd")), "resource_access",
			Map.of("openwd-web", Map.of("roles", List.of("SUPERVISOR")), "account", Map.of("roles", List.of("manage-account"))));

	@Test
	void readsKeycloakRealmRolesByDefaultIgnoringCaseAndUnknownNames() {
		RoleClaims claims = RoleClaims.of(new OidcProperties(null, null, null, null, null, null, null, null, null, null));
		assertThat(claims.roles(KEYCLOAK_TOKEN)).containsExactly(Role.AGENT);
		assertThat(claims.authorities(KEYCLOAK_TOKEN)).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_AGENT");
	}

	@Test
	void readsClientRolesFromAConfiguredPathToo() {
		RoleClaims claims = new RoleClaims(List.of("realm_access.roles", "resource_access.openwd-web.roles"), Map.of());
		assertThat(claims.roles(KEYCLOAK_TOKEN)).containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR);
	}

	@Test
	void mapsProviderRoleNamesThroughTheConfiguredMapping() {
		RoleClaims claims = new RoleClaims(List.of("groups"),
				Map.of("ops", Set.of(Role.ADMIN, Role.SUPERVISOR), "back-office", Set.of(Role.AGENT)));
		assertThat(claims.roles(Map.of("groups", List.of("ops", "back-office", "sales"))))
			.containsExactlyInAnyOrder(Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
		assertThat(claims.roles(Map.of("groups", "ops sales"))).containsExactlyInAnyOrder(Role.ADMIN, Role.SUPERVISOR);
	}

	@Test
	void missingOrOddlyShapedClaimsGiveNoRoles() {
		RoleClaims claims = new RoleClaims(List.of("realm_access.roles"), Map.of());
		assertThat(claims.roles(Map.of())).isEmpty();
		assertThat(claims.roles(Map.of("realm_access", "AGENT"))).isEmpty();
		assertThat(claims.roles(Map.of("realm_access", Map.of("roles", List.of(42, "ADMIN"))))).containsExactly(Role.ADMIN);
	}

}
