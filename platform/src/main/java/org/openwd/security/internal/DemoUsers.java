package org.openwd.security.internal;

import java.util.List;
import java.util.Set;

import org.openwd.security.Role;

/** The documented demo users of the embedded default (password = user name). Never active in production. */
final class DemoUsers {

	record DemoUser(String username, Set<Role> roles) {
	}

	static final List<DemoUser> ALL = List.of(new DemoUser("agent", Set.of(Role.AGENT)),
			new DemoUser("agent2", Set.of(Role.AGENT)), new DemoUser("supervisor", Set.of(Role.SUPERVISOR)),
			new DemoUser("owner", Set.of(Role.PROCESS_OWNER)), new DemoUser("connector", Set.of(Role.CONNECTOR)),
			new DemoUser("admin", Set.of(Role.ADMIN, Role.SUPERVISOR, Role.PROCESS_OWNER)));

	private DemoUsers() {
	}

}
