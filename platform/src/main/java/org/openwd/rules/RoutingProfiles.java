package org.openwd.rules;

import java.util.Map;
import java.util.Optional;

/** The routing profiles in force now (held in memory; a saved change applies to the next read). */
public interface RoutingProfiles {

	Optional<RoutingProfile> find(String name);

	/** Every profile with its version, to detect changes cheaply. */
	Map<String, Versioned> all();

	/** Re-reads profiles other nodes changed since the last look; {@code true} if any did. */
	boolean refresh();

	/** A profile and the version it has. */
	record Versioned(RoutingProfile profile, int version) {
	}

}
