package org.openwd.escalation.internal;

import java.util.Map;

import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Camunda's web apps (Cockpit, Admin, Tasklist) under {@code /camunda}, for {@code PROCESS_OWNER} and {@code ADMIN}
 * only, signed in with the platform's own login: this filter chain guards the path (unauthenticated browsers go to the
 * platform's login page, other roles get 403), and Camunda's container-based authentication filter takes the user
 * from Spring Security ({@link SpringSecurityAuthenticationProvider}). Camunda's own CSRF protection covers the apps.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ContainerBasedAuthenticationFilter.class)
class CamundaWebapps {

	static final String PATH = "/camunda";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 50)
	SecurityFilterChain camundaWebappSecurity(HttpSecurity http,
			@Value("${openwd.escalation.webapps.login-page:/login}") String loginPage) throws Exception {
		http.securityMatcher(new AntPathRequestMatcher(PATH + "/**"))
			.authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole("PROCESS_OWNER", "ADMIN"))
			.httpBasic(basic -> basic.realmName("OpenWD").authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(loginPage)))
			.exceptionHandling(ex -> ex.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(loginPage)))
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
		return http.build();
	}

	/**
	 * Camunda's container-based filter, except that the user need not exist in Camunda's identity service: the platform
	 * is the user store. With Camunda's authorization checks off (the default), every signed-in user may use every app.
	 */
	static class PlatformUserAuthenticationFilter extends ContainerBasedAuthenticationFilter {

		static final java.util.Set<String> APPS = java.util.Set.of("cockpit", "admin", "tasklist", "welcome");

		@Override
		protected org.camunda.bpm.webapp.impl.security.auth.UserAuthentication createAuthentication(
				org.camunda.bpm.engine.ProcessEngine engine, String username, java.util.List<String> groupIds,
				java.util.List<String> tenantIds) {
			if (engine.getProcessEngineConfiguration().isAuthorizationEnabled()) {
				return super.createAuthentication(engine, username, groupIds, tenantIds);
			}
			org.camunda.bpm.webapp.impl.security.auth.UserAuthentication authentication =
					new org.camunda.bpm.webapp.impl.security.auth.UserAuthentication(username, engine.getName());
			authentication.setGroupIds(groupIds == null ? java.util.List.of() : groupIds);
			authentication.setTenantIds(tenantIds == null ? java.util.List.of() : tenantIds);
			authentication.setAuthorizedApps(new java.util.HashSet<>(APPS));
			return authentication;
		}

	}

	@Bean
	FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaSingleSignOn() {
		FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new PlatformUserAuthenticationFilter());
		registration.setInitParameters(Map.of("authentication-provider", SpringSecurityAuthenticationProvider.class.getName()));
		registration.addUrlPatterns(PATH + "/*");
		registration.setName("camundaSingleSignOn");
		// right after Spring Security's filter chain, before the web apps' own filters
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

}
