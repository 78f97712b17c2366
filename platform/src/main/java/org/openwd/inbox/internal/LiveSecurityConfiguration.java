package org.openwd.inbox.internal;

import org.openwd.security.ApiAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.security.messaging.web.csrf.CsrfChannelInterceptor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Who may use the live channel.
 * <ul>
 * <li>The WebSocket handshake on {@code /ws} needs an authenticated user: the session cookie of a browser login, or
 * the API's client credentials ({@link ApiAuthentication}: HTTP Basic, or a bearer token in oidc mode). Anonymous
 * handshakes get 401 (not the login page redirect of the rest of the site). The STOMP session's user is the one
 * authenticated at the handshake.</li>
 * <li>The STOMP {@code CONNECT} frame must carry the CSRF token (header {@code X-XSRF-TOKEN}, the value of the
 * {@code XSRF-TOKEN} cookie, as for the REST API): a page of another origin cannot read the cookie, so it cannot drive a
 * victim's browser session over the WebSocket.</li>
 * <li>Frames: subscribe to your own {@code /user/queue/**}; {@code /topic/supervisors} only as SUPERVISOR or ADMIN;
 * send only to {@code /app/**}; everything else is refused.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketSecurity
class LiveSecurityConfiguration {

	@Bean
	AuthorizationManager<Message<?>> messageAuthorizationManager(
			MessageMatcherDelegatingAuthorizationManager.Builder messages) {
		return messages
			// CONNECT, UNSUBSCRIBE, DISCONNECT and heart-beats carry no destination
			.nullDestMatcher().authenticated()
			.simpSubscribeDestMatchers("/user/queue/**").authenticated()
			.simpSubscribeDestMatchers(StompLiveChannel.SUPERVISORS).hasAnyRole("SUPERVISOR", "ADMIN")
			.simpMessageDestMatchers("/app/**").authenticated()
			.anyMessage().denyAll()
			.build();
	}

	/**
	 * Compares the CONNECT frame's token with the token of the handshake request as is, like the REST API does
	 * (Spring Security's default here expects the masked form that only server-rendered pages can produce).
	 */
	@Bean
	ChannelInterceptor csrfChannelInterceptor() {
		return new CsrfChannelInterceptor();
	}

	/**
	 * The handshake's own filter chain, ahead of the application's: same users, same session, same CSRF cookie, but a
	 * plain 401 for anonymous requests.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain liveChannelHandshake(HttpSecurity http, ApiAuthentication clients) throws Exception {
		HttpStatusEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
		http.securityMatcher(LiveBrokerConfiguration.ENDPOINT, LiveBrokerConfiguration.ENDPOINT + "/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated());
		// HTTP Basic (local mode) or bearer tokens (oidc mode), as for the REST API
		clients.configure(http, unauthorized);
		http
			// the handshake is a GET (never checked); the filter exposes the cookie's token to the STOMP CONNECT check
			.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
			.requestCache(cache -> cache.disable())
			.exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized));
		return http.build();
	}

}
