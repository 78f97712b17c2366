package org.openwd.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * How clients that are not a browser session prove who they are, in the configured security mode: HTTP Basic against
 * OpenWD's own users ({@code openwd.security.mode=local}), or OAuth2 bearer tokens (JWTs) of the OIDC provider
 * ({@code oidc}). Filter chains of other modules (e.g. the live channel's WebSocket handshake) apply it so that they
 * accept the same credentials as the REST API. Either way the resulting authentication is named after the user (the
 * actor and employee id) and carries the user's roles as {@code ROLE_<ROLE>} authorities.
 */
public interface ApiAuthentication {

	/**
	 * Adds the client authentication to a filter chain.
	 * @param http the chain being built
	 * @param entryPoint answers requests whose credentials are missing or wrong
	 */
	void configure(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception;

	/**
	 * Sets the status (401) and the {@code WWW-Authenticate} challenge of this mode on a refused request; the caller
	 * writes the body.
	 */
	void challenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException;

}
