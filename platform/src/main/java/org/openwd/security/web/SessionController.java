package org.openwd.security.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.security.Role;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in and with which roles: the web UI shows the screens those roles may use. */
@RestController
@Tag(name = "Session", description = "The logged-in user")
class SessionController {

	/**
	 * @param username the login name
	 * @param roles the platform roles of the login (AGENT, SUPERVISOR, PROCESS_OWNER, CONNECTOR, ADMIN)
	 */
	record SessionInfo(String username, List<String> roles) {
	}

	@GetMapping(path = "/api/v1/session", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("isAuthenticated()")
	@Operation(operationId = "getSession", summary = "The logged-in user and their roles")
	SessionInfo session(Authentication auth) {
		List<String> roles = auth.getAuthorities().stream()
			.map(a -> a.getAuthority())
			.filter(a -> a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.filter(a -> java.util.Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(a)))
			.sorted()
			.toList();
		return new SessionInfo(auth.getName(), roles);
	}

}
