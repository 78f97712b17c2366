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

	/**
	 * The dedupe read of every capture. Written as JPQL on purpose: Spring Data builds a derived query as a criteria
	 * query, whose SQL Hibernate translates again on every call; the SQL of a JPQL string is cached.
	 */
	@Query("select t from Task t where t.sourceSystem = :sourceSystem and t.externalId = :externalId")
	Optional<Task> findBySourceSystemAndExternalId(String sourceSystem, String externalId);

	/**
	 * Reads tasks to change them, holding their row locks until the transaction ends (one statement; InnoDB locks the
	 * rows in key order): see {@code TaskLifecycleService#lockForChange} for one task.
	 */
	@org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Task t where t.id in :ids order by t.id")
	List<Task> findAllByIdForUpdate(Collection<UUID> ids);

	@Query("""
			select t.assignedEmployee, coalesce(t.routingProfile, ''), count(t) from Task t
			where t.assignedEmployee in :employees and t.state in :states
			group by t.assignedEmployee, t.routingProfile""")
	List<Object[]> countByEmployeeAndProfile(Collection<String> employees, Collection<TaskState> states);

	/**
	 * {@link #countByEmployeeAndProfile} of one employee in OFFERED and ASSIGNED, without collection parameters: Hibernate
	 * caches the SQL of this query, while one with a collection parameter is translated again on every call.
	 */
	@Query("""
			select t.assignedEmployee, coalesce(t.routingProfile, ''), count(t) from Task t
			where t.assignedEmployee = :employee
			and t.state in (org.openwd.task.TaskState.OFFERED, org.openwd.task.TaskState.ASSIGNED)
			group by t.assignedEmployee, t.routingProfile""")
	List<Object[]> countOpenAssignmentsByProfile(String employee);

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

	/** Within due: {@link org.openwd.task.TaskSnapshot#withinDueAt}, as a query. */
	@Query("""
			select new org.openwd.task.CompletionCount(t.routingProfile, t.department, count(t),
			  sum(case when t.dueTime is null or t.closedAt <= t.dueTime then 1 else 0 end))
			from Task t where t.state = org.openwd.task.TaskState.COMPLETED and t.closedAt >= :since
			group by t.routingProfile, t.department""")
	List<org.openwd.task.CompletionCount> countCompletionsSince(Instant since);

}
