package org.openwd.security.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.openwd.common.web.Problems;
import org.openwd.security.ApiAuthentication;
import org.openwd.security.Role;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security on everything. The REST API answers 401/403 as problem details; browsers get a login page. How users
 * authenticate depends on {@code openwd.security.mode}: {@link LocalSecurityConfiguration} or
 * {@link OidcSecurityConfiguration}; the rules here are the same for both.
 * Roles are checked per endpoint with {@code @PreAuthorize}; anything under {@code /api} without a rule is denied by
 * the method-security test that checks every endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	private static final RequestMatcher API = new AntPathRequestMatcher("/api/**");

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectMapper mapper, ApiAuthentication clients,
			BrowserLogin browsers) throws Exception {
		AuthenticationEntryPoint apiEntryPoint = (request, response, ex) -> {
			clients.challenge(request, response, ex);
			write(mapper, request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
					ex instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
							? "Invalid bearer token: " + oauth.getError().getDescription()
							: "Log in or send credentials to use this endpoint"));
		};
		AccessDeniedHandler apiDenied = (request, response, ex) -> write(mapper, request, response,
				ex instanceof org.springframework.security.web.csrf.CsrfException
						? Problems.of(HttpStatus.FORBIDDEN, "csrf", "Missing or invalid CSRF token",
								"Browser sessions must echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header")
						: Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this operation"));
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Role.ADMIN.name())
			.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
			.requestMatchers("/", "/index.html", "/assets/**", "/favicon.ico", "/favicon.svg", "/login", "/error").permitAll()
			.requestMatchers(API).authenticated()
			.anyRequest().authenticated());
		// HTTP Basic or bearer tokens for API clients, the login form or the OIDC provider's login for browsers
		clients.configure(http, apiEntryPoint);
		browsers.configure(http);
		http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				// single-page apps send the cookie's raw value back in the header
				.csrfTokenRequestHandler(new org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler())
				// CSRF only threatens cookie-authenticated requests: API clients that send credentials in a header (which
				// a browser never adds on its own) or carry no session at all cannot be forged that way
				.ignoringRequestMatchers(
						request -> request.getHeader("Authorization") != null || request.getRequestedSessionId() == null))
			.exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(apiEntryPoint, API)
				.defaultAccessDeniedHandlerFor(apiDenied, API)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true))
			// the web UI reads the XSRF-TOKEN cookie for its POSTs and the live channel's CONNECT: render it on every response
			.addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
		return http.build();
	}

	private static void write(ObjectMapper mapper, HttpServletRequest request, HttpServletResponse response,
			ProblemDetail problem) throws IOException {
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		mapper.writeValue(response.getOutputStream(), problem);
	}

}
