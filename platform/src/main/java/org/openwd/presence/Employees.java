package org.openwd.presence;

import java.util.List;
import java.util.Optional;

/** Read employees and change presence; each change is durable (with its history entry) before the call returns. */
public interface Employees {

	Optional<EmployeeSnapshot> find(String id);

	/** The employees with these ids that exist, in no particular order (one query in the platform's implementation). */
	default List<EmployeeSnapshot> findAll(java.util.Collection<String> ids) {
		return ids.stream().distinct().map(this::find).flatMap(Optional::stream).toList();
	}

	/** Every employee (for rebuilding the distribution engine's indexes at start-up). */
	List<EmployeeSnapshot> all();

	/**
	 * Changes presence and records it.
	 * @param reason required for NOT_READY (a reason code), optional otherwise
	 * @throws java.util.NoSuchElementException if the employee does not exist
	 */
	EmployeeSnapshot changePresence(String id, PresenceState to, String reason, String actor);

}
