package org.openwd.escalation.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Single sign-on for Camunda's web apps: the user is whoever Spring Security authenticated for this request (form
 * login, HTTP Basic, or OIDC: anything that yields an {@link Authentication}); there is no second user store. Roles
 * become Camunda groups of the same name ({@code ROLE_PROCESS_OWNER} -> {@code PROCESS_OWNER}), and {@code ADMIN} also
 * {@code camunda-admin}. Camunda's {@code ContainerBasedAuthenticationFilter} instantiates this class by name.
 */
public class SpringSecurityAuthenticationProvider implements AuthenticationProvider {

	static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

	@Override
	public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return AuthenticationResult.unsuccessful();
		}
		AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
		result.setGroups(groups(authentication));
		result.setTenants(List.of());
		return result;
	}

	@Override
	public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
		// Spring Security answers unauthenticated requests before they get here
	}

	static List<String> groups(Authentication authentication) {
		List<String> groups = new ArrayList<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				String role = name.substring("ROLE_".length());
				groups.add(role);
				if ("ADMIN".equals(role)) {
					groups.add(CAMUNDA_ADMIN_GROUP);
				}
			}
		}
		return groups;
	}

}
