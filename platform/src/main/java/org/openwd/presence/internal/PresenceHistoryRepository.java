package org.openwd.presence.internal;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PresenceHistoryRepository extends JpaRepository<PresenceHistoryEntry, PresenceHistoryEntry.Key> {

	/** The newest entries before position {@code before}, newest first. */
	@Query("select h from PresenceHistoryEntry h where h.employeeId = :employeeId and h.seq < :before order by h.seq desc")
	List<PresenceHistoryEntry> findLatest(String employeeId, int before, Pageable page);

}
