package org.openwd.security.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openwd.security.ApiAuthentication;
import org.openwd.security.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * {@code openwd.security.mode=local} (the default): OpenWD keeps its own user list (demo users and
 * {@code openwd.security.users}), API clients send HTTP Basic, browsers use the form at {@code /login}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "openwd.security.mode", havingValue = "local", matchIfMissing = true)
class LocalSecurityConfiguration {

	static final String CHALLENGE = "Basic realm=\"OpenWD\"";

	@Bean
	LocalLogin localLogin() {
		return new LocalLogin();
	}

	@Bean
	PasswordEncoder passwordEncoder(
			@org.springframework.beans.factory.annotation.Value("${openwd.security.verified-password-ttl:PT5M}") java.time.Duration ttl) {
		// BCrypt (and the other delegating formats), with successful checks remembered; see VerifiedPasswordCache
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return ttl.isZero() ? encoder : new VerifiedPasswordCache(encoder, ttl);
	}

	@Bean
	UserDetailsService userDetailsService(SecurityProperties properties, PasswordEncoder encoder) {
		List<UserDetails> users = new ArrayList<>();
		if (properties.demoUsers()) {
			DemoUsers.ALL.forEach(demo -> users.add(User.withUsername(demo.username())
				.password(encoder.encode(demo.username()))
				.roles(demo.roles().stream().map(Role::name).toArray(String[]::new))
				.build()));
		}
		properties.users().forEach(user -> users.add(User.withUsername(user.username())
			.password(user.password())
			.roles(user.roles().stream().map(Role::name).toArray(String[]::new))
			.build()));
		InMemoryUserDetailsManager store = new InMemoryUserDetailsManager(users);
		// A lookup only, deliberately not a UserDetailsPasswordService: Spring Security would otherwise re-encode every
		// {noop} (or weaker) password with BCrypt at the user's first login, in memory only (lost at restart), and the
		// next request would pay a BCrypt check of the new hash, which the verified-password cache has not seen. With
		// 5,000 bench or demo users logging in that is two BCrypt hashes each (docs/PERFORMANCE.md, W8). Configured
		// hashes are the operator's business (ProductionGuard requires real ones in production).
		return store::loadUserByUsername;
	}

	static final class LocalLogin implements ApiAuthentication, BrowserLogin {

		@Override
		public void configure(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception {
			http.httpBasic(basic -> basic.realmName("OpenWD")
				.authenticationEntryPoint(entryPoint)
				.securityContextRepository(new DelegatingSecurityContextRepository(
						new RequestAttributeSecurityContextRepository(), sessionIfPresent())));
		}

		/**
		 * A browser that logged in has a session, and Basic on top of it keeps it current. A system that sends Basic on
		 * every request gets no session: one per request would pile up in memory for the session timeout, and
		 * {@link VerifiedPasswordCache} already keeps the hash check off its path.
		 */
		private static HttpSessionSecurityContextRepository sessionIfPresent() {
			HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
			sessions.setAllowSessionCreation(false);
			return sessions;
		}

		@Override
		public void challenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", CHALLENGE);
		}

		@Override
		public void configure(HttpSecurity http) throws Exception {
			http.formLogin(form -> form.defaultSuccessUrl("/", false)).logout(logout -> logout.logoutSuccessUrl("/"));
		}

	}

}
