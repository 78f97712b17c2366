package org.openwd.task.internal;

import java.util.Optional;
import java.util.function.Function;

import org.openwd.task.IllegalTaskTransitionException;
import org.openwd.task.SourceTaskChanges;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.springframework.stereotype.Service;

/**
 * Source-key changes on top of the lifecycle service. A change that loses a race against another state change is
 * decided again on the state it lost to.
 */
@Service
class SourceChangeService implements SourceTaskChanges {

	private final TaskLifecycleService tasks;

	SourceChangeService(TaskLifecycleService tasks) {
		this.tasks = tasks;
	}

	@Override
	public Optional<TaskSnapshot> findBySource(String sourceSystem, String externalId) {
		return this.tasks.findBySourceKey(sourceSystem, externalId);
	}

	@Override
	public Result update(String sourceSystem, String externalId, Update update, String actor) {
		return decide(sourceSystem, externalId, null, task -> {
			TaskSnapshot after = this.tasks.update(task.id().value(), new TaskChanges(update.title(), update.description(),
					null, update.businessValue(), update.dueTime(), null, update.attributes()), null, actor);
			return after.version() == task.version() ? Outcome.UNCHANGED : Outcome.APPLIED;
		});
	}

	@Override
	public Result cancel(String sourceSystem, String externalId, String reason, String actor) {
		return decide(sourceSystem, externalId, TaskState.CANCELED, task -> {
			this.tasks.cancel(task.id().value(), reason, actor);
			return Outcome.APPLIED;
		});
	}

	@Override
	public Result complete(String sourceSystem, String externalId, String outcome, String actor) {
		return decide(sourceSystem, externalId, TaskState.COMPLETED, task -> {
			this.tasks.completeFromSource(task.id().value(), outcome, null, actor);
			return Outcome.APPLIED;
		});
	}

	private Result decide(String sourceSystem, String externalId, TaskState target, Function<TaskSnapshot, Outcome> change) {
		for (int attempt = 0;; attempt++) {
			Optional<TaskSnapshot> found = this.tasks.findBySourceKey(sourceSystem, externalId);
			if (found.isEmpty()) {
				return new Result(null, Outcome.UNKNOWN_ITEM);
			}
			TaskSnapshot task = found.get();
			if (target != null && task.state() == target) {
				return new Result(task.id(), Outcome.UNCHANGED);
			}
			if (task.state().isTerminal()) {
				return new Result(task.id(), Outcome.TASK_CLOSED);
			}
			try {
				return new Result(task.id(), change.apply(task));
			}
			catch (IllegalTaskTransitionException | org.springframework.dao.OptimisticLockingFailureException ex) {
				// another change won the race (an offer, a classification): decide again on the state it left
				if (attempt >= 4) {
					throw ex;
				}
			}
		}
	}

}
