package org.openwd.task.web;

import org.openwd.common.web.Problems;
import org.openwd.task.IllegalTaskTransitionException;
import org.openwd.task.TaskNotFoundException;
import org.openwd.task.internal.TaskVersionMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for task lifecycle errors. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TaskExceptionHandler {

	@ExceptionHandler(IllegalTaskTransitionException.class)
	ProblemDetail illegalTransition(IllegalTaskTransitionException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "illegal-transition", "Illegal state transition",
				ex.getMessage());
		problem.setProperty("taskId", ex.taskId().toString());
		problem.setProperty("currentState", ex.current());
		problem.setProperty("action", ex.action());
		return problem;
	}

	@ExceptionHandler(TaskNotFoundException.class)
	ProblemDetail notFound(TaskNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "task-not-found", "Task not found", ex.getMessage());
	}

	@ExceptionHandler(TaskVersionMismatchException.class)
	ProblemDetail versionMismatch(TaskVersionMismatchException ex) {
		return Problems.of(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Task changed", ex.getMessage());
	}

}
