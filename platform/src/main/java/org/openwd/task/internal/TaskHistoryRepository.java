package org.openwd.task.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TaskHistoryRepository extends JpaRepository<TaskHistoryEntry, TaskHistoryEntry.Key> {

	@Query("select h from TaskHistoryEntry h where h.taskId = :taskId order by h.seq")
	List<TaskHistoryEntry> findByTaskId(UUID taskId);

}
