package org.openwd.task.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openwd.task.TaskState;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface TaskRepository extends JpaRepository<Task, UUID>, JpaSpecificationExecutor<Task> {

	Optional<Task> findBySourceSystemAndExternalId(String sourceSystem, String externalId);

	/**
	 * Reads a task to change it, holding its row lock until the transaction ends: concurrent changes of one task (an
	 * offer, a supervisor's assignment, an escalation step) run one after the other, each on the state the previous one
	 * committed, and append their history entries in order.
	 */
	@org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Task t where t.id = :id")
	Optional<Task> findByIdForUpdate(UUID id);

	@Query("select t from Task t where t.sourceSystem = :source and t.externalId in :externalIds")
	List<Task> findBySourceKeys(String source, Collection<String> externalIds);

	@Query("select t from Task t where t.assignedEmployee = :employee and t.state in :states")
	List<Task> findByEmployeeInStates(String employee, Collection<TaskState> states);

	/** id, state, assigned employee, routing profile, offer expiry of every task in the states: no entities. */
	@Query("select t.id, t.state, t.assignedEmployee, t.routingProfile, t.offerExpiresAt from Task t where t.state in :states")
	List<Object[]> findAssignmentsInStates(Collection<TaskState> states);

	@Query("select t from Task t where t.state = :state and t.id > :after order by t.id")
	List<Task> findPageInState(TaskState state, UUID after, Pageable page);

	@Query("select t.id from Task t where t.state = :state and t.activationTime <= :now order by t.activationTime")
	List<UUID> findDue(TaskState state, Instant now, Pageable page);

	@Query("""
			select new org.openwd.task.CompletionCount(t.routingProfile, t.department, count(t),
			  sum(case when t.dueTime is null or t.closedAt <= t.dueTime then 1 else 0 end))
			from Task t where t.state = org.openwd.task.TaskState.COMPLETED and t.closedAt >= :since
			group by t.routingProfile, t.department""")
	List<org.openwd.task.CompletionCount> countCompletionsSince(Instant since);

}
