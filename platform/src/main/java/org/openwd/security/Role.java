package org.openwd.security;

/**
 * The platform's roles. Spring Security authorities are {@code ROLE_<name>}; identity providers (Keycloak realm or
 * client roles) map onto the same names.
 */
public enum Role {

	/** Back-office employee: works offered tasks in the inbox. */
	AGENT,
	/** Watches backlog, SLA and people of a department; reassigns, holds, cancels. */
	SUPERVISOR,
	/** Edits routing profiles, decision tables and escalation models. */
	PROCESS_OWNER,
	/** A source system that captures and updates tasks. */
	CONNECTOR,
	/** Operates the platform. */
	ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
