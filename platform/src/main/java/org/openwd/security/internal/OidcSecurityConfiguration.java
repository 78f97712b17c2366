package org.openwd.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.openwd.security.ApiAuthentication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code openwd.security.mode=oidc}: an OIDC provider (Keycloak) authenticates everyone.
 * <ul>
 * <li>Browsers log in with the authorization code flow ({@code oauth2Login}): {@code /login} sends them to the
 * provider's login page, the server keeps the login in its session (cookie) and the CSRF cookie works as in local
 * mode. {@code POST /logout} ends the session and then the provider's session (RP-initiated logout).</li>
 * <li>API clients send the provider's JWT access tokens as bearer tokens (connectors: client credentials). A token is
 * checked by its signature, issuer, lifetime and audience: no password hash per request.</li>
 * <li>The user name is the claim {@code openwd.security.oidc.username-claim} ({@code preferred_username}); roles come
 * from the configured claims (Keycloak realm and/or client roles) as {@code ROLE_<ROLE>} authorities, the same as local
 * mode.</li>
 * </ul>
 * The provider is contacted on first use, not at startup, so OpenWD starts while the provider is still coming up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "openwd.security.mode", havingValue = "oidc")
@EnableConfigurationProperties(OidcProperties.class)
class OidcSecurityConfiguration {

	static final String LOGIN_START = "/oauth2/authorization/" + OidcProperties.REGISTRATION_ID;

	private static final ObjectMapper JSON = new ObjectMapper();

	@Bean
	DiscoveredClientRegistrations clientRegistrationRepository(OidcProperties properties) {
		return new DiscoveredClientRegistrations(properties);
	}

	@Bean
	JwtDecoder jwtDecoder(OidcProperties properties, Clock clock) {
		String issuer = required(properties.issuerUri(), "openwd.security.oidc.issuer-uri");
		OAuth2TokenValidator<Jwt> validator = validator(issuer, properties.audiences(), clock);
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()
					? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
					: NimbusJwtDecoder.withIssuerLocation(issuer).build();
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	/** Lifetime (on the platform's clock, 60 s skew), issuer, and audience when configured. */
	static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, Clock clock) {
		JwtTimestampValidator lifetime = new JwtTimestampValidator();
		lifetime.setClock(clock);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(lifetime, new JwtIssuerValidator(issuer)));
		if (!audiences.isEmpty()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	@Bean
	OidcLogin oidcLogin(OidcProperties properties, DiscoveredClientRegistrations registrations, JwtDecoder jwtDecoder) {
		return new OidcLogin(properties, registrations, jwtDecoder);
	}

	private static String required(String value, String property) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(property + " must be set when openwd.security.mode=oidc");
		}
		return value;
	}

	/** The one client registration, read from the provider's discovery document on first use (and retried until then). */
	static final class DiscoveredClientRegistrations implements ClientRegistrationRepository {

		private final OidcProperties properties;

		private volatile ClientRegistration registration;

		DiscoveredClientRegistrations(OidcProperties properties) {
			required(properties.issuerUri(), "openwd.security.oidc.issuer-uri");
			required(properties.clientSecret(), "openwd.security.oidc.client-secret");
			this.properties = properties;
		}

		@Override
		public ClientRegistration findByRegistrationId(String registrationId) {
			return OidcProperties.REGISTRATION_ID.equals(registrationId) ? registration() : null;
		}

		ClientRegistration registration() {
			ClientRegistration current = registration;
			if (current == null) {
				synchronized (this) {
					current = registration;
					if (current == null) {
						current = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
							.registrationId(OidcProperties.REGISTRATION_ID)
							.clientId(properties.clientId())
							.clientSecret(properties.clientSecret())
							.scope(properties.scopes())
							.userNameAttributeName(properties.usernameClaim())
							.redirectUri("{baseUrl}/{action}/oauth2/code/{registrationId}")
							// PKCE for the confidential client too (OAuth 2.1); the demo realm requires it
							.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
							.build();
						registration = current;
					}
				}
			}
			return current;
		}

	}

	/** Bearer tokens for API clients, the provider's login for browsers. */
	static final class OidcLogin implements ApiAuthentication, BrowserLogin {

		private final OidcProperties properties;

		private final DiscoveredClientRegistrations registrations;

		private final JwtDecoder jwtDecoder;

		private final RoleClaims roles;

		private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

		OidcLogin(OidcProperties properties, DiscoveredClientRegistrations registrations, JwtDecoder jwtDecoder) {
			this.properties = properties;
			this.registrations = registrations;
			this.jwtDecoder = jwtDecoder;
			this.roles = RoleClaims.of(properties);
			bearer.setRealmName("OpenWD");
		}

		@Override
		public void configure(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception {
			http.oauth2ResourceServer(server -> server.authenticationEntryPoint(entryPoint)
				.jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(this::authentication)));
		}

		@Override
		public void challenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
				throws IOException {
			bearer.commence(request, response, failure);
		}

		JwtAuthenticationToken authentication(Jwt jwt) {
			String name = jwt.getClaimAsString(properties.usernameClaim());
			if (name == null || name.isBlank()) {
				throw new InvalidBearerTokenException("The token has no '" + properties.usernameClaim() + "' claim");
			}
			return new JwtAuthenticationToken(jwt, roles.authorities(jwt.getClaims()), name);
		}

		@Override
		public void configure(HttpSecurity http) throws Exception {
			OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(
					registrations);
			logoutSuccess.setPostLogoutRedirectUri(properties.postLogoutRedirectUri());
			logoutSuccess.setRedirectStrategy(new LogoutRedirect());
			http.oauth2Login(login -> login.loginPage("/login")
				.failureUrl("/login?error")
				.clientRegistrationRepository(registrations)
				// the provider's tokens live in the session, not in a map on the heap that nobody cleans up
				.authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(userService())))
				.logout(logout -> logout.logoutSuccessHandler(logoutSuccess))
				.addFilterBefore(new LoginPage(),
						org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.class);
		}

		/**
		 * The provider's user (ID token + user info) named by the username claim, with roles from the ID token, the user
		 * info or, failing both, the access token.
		 */
		OAuth2UserService<OidcUserRequest, OidcUser> userService() {
			OidcUserService standard = new OidcUserService();
			return request -> {
				OidcUser user = standard.loadUser(request);
				Map<String, Object> claims = new HashMap<>(user.getClaims());
				Set<GrantedAuthority> authorities = roles.authorities(claims);
				if (authorities.isEmpty()) {
					try {
						authorities = roles.authorities(jwtDecoder.decode(request.getAccessToken().getTokenValue()).getClaims());
					}
					catch (JwtException notAJwtForUs) {
						// an opaque or foreign access token: the user simply has no platform role
					}
				}
				Object name = claims.get(properties.usernameClaim());
				if (!(name instanceof String text) || text.isBlank()) {
					throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info",
							"The identity provider sent no '" + properties.usernameClaim() + "' claim", null));
				}
				return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), properties.usernameClaim());
			};
		}

	}

	/**
	 * After logout the browser must visit the provider's end-session endpoint. A page that logs out with
	 * {@code fetch(..., {headers: {Accept: 'application/json'}})} cannot follow a cross-origin redirect, so it gets
	 * {@code 200 {"redirectUrl": "..."}} and navigates there itself; everyone else gets the {@code 302}.
	 */
	static final class LogoutRedirect implements RedirectStrategy {

		private final RedirectStrategy redirect = new DefaultRedirectStrategy();

		@Override
		public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
			String accept = request.getHeader("Accept");
			if (accept == null || !accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
				redirect.sendRedirect(request, response, url);
				return;
			}
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			JSON.writeValue(response.getWriter(), Map.of("redirectUrl", url));
		}

	}

	/**
	 * {@code GET /login} starts the provider's login, as the login form does in local mode, so that a UI that sends
	 * people to {@code /login} works in both modes. Like the form, it renders the CSRF cookie. After a failed login it
	 * shows a short page instead, so that a persistent failure cannot bounce between OpenWD and the provider.
	 */
	static final class LoginPage extends OncePerRequestFilter {

		private static final RequestMatcher LOGIN = new AntPathRequestMatcher("/login", "GET");

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !LOGIN.matches(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
				csrf.getToken();
			}
			String start = request.getContextPath() + LOGIN_START;
			if (request.getParameter("error") == null) {
				response.sendRedirect(start);
				return;
			}
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OpenWD login failed</title>"
						+ "</head><body><h1>Login failed</h1><p>The identity provider did not let you in. "
						+ "<a href=\"" + HtmlUtils.htmlEscape(start) + "\">Try again</a></p></body></html>");
		}

	}

}
