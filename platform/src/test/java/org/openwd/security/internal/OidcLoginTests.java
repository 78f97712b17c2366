package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.openwd.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Who a bearer token names and which tokens are valid, without a provider (the provider is only read on first use). */
class OidcLoginTests {

	static final String ISSUER = "https://sso.example.com/realms/openwd";

	static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	static OidcProperties properties(String usernameClaim) {
		return new OidcProperties(ISSUER, null, null, "s3cret", null, usernameClaim,
				List.of("realm_access.roles", "resource_access.openwd-web.roles"), Map.of("ops", java.util.Set.of(Role.ADMIN)),
				List.of("openwd"), null);
	}

	static OidcSecurityConfiguration.OidcLogin login(OidcProperties properties) {
		JwtDecoder unused = token -> {
			throw new UnsupportedOperationException();
		};
		return new OidcSecurityConfiguration.OidcLogin(properties,
				new OidcSecurityConfiguration.DiscoveredClientRegistrations(properties), unused);
	}

	static Jwt.Builder token() {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuer(ISSUER)
			.audience(List.of("openwd"))
			.issuedAt(NOW.minusSeconds(10))
			.expiresAt(NOW.plusSeconds(290))
			.claim("preferred_username", "ann")
			.claim("email", "ann@example.com")
			.claim("realm_access", Map.of("roles", List.of("AGENT", "offline_access")))
			.claim("resource_access", Map.of("openwd-web", Map.of("roles", List.of("ops"))));
	}

	@Test
	void aTokenNamesItsUserByTheUsernameClaimWithRolesFromEveryConfiguredClaim() {
		var authentication = login(properties(null)).authentication(token().build());
		assertThat(authentication.getName()).isEqualTo("ann");
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_AGENT", "ROLE_ADMIN");

		assertThat(login(properties("email")).authentication(token().build()).getName()).isEqualTo("ann@example.com");
	}

	@Test
	void aTokenWithoutTheUsernameClaimIsRefused() {
		assertThatThrownBy(() -> login(properties("upn")).authentication(token().build()))
			.isInstanceOf(InvalidBearerTokenException.class)
			.hasMessageContaining("'upn'");
	}

	@Test
	void tokensMustComeFromTheIssuerForTheAudienceAndBeAliveOnThePlatformClock() {
		OAuth2TokenValidator<Jwt> validator = OidcSecurityConfiguration.validator(ISSUER, List.of("openwd"),
				Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(validator.validate(token().build()).hasErrors()).isFalse();
		assertThat(validator.validate(token().issuer("https://elsewhere.example/realms/openwd").build()).hasErrors()).isTrue();
		assertThat(validator.validate(token().audience(List.of("account")).build()).hasErrors()).isTrue();
		assertThat(validator.validate(token().claims(claims -> claims.remove("aud")).build()).hasErrors()).isTrue();

		OAuth2TokenValidator<Jwt> later = OidcSecurityConfiguration.validator(ISSUER, List.of("openwd"),
				Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
		assertThat(later.validate(token().build()).getErrors()).anyMatch(error -> error.getDescription().contains("expired"));

		OAuth2TokenValidator<Jwt> anyAudience = OidcSecurityConfiguration.validator(ISSUER, List.of(),
				Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(anyAudience.validate(token().audience(List.of("account")).build()).hasErrors()).isFalse();
	}

}
