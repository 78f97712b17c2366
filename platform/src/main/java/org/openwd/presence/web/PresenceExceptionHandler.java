package org.openwd.presence.web;

import org.openwd.common.web.FieldProblem;
import org.openwd.common.web.Problems;
import org.openwd.presence.internal.EmployeeNotFoundException;
import org.openwd.presence.internal.EmployeeVersionMismatchException;
import org.openwd.presence.internal.InvalidEmployeeDataException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details of the presence API. Concurrent changes (409) are answered by the common handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PresenceExceptionHandler {

	@ExceptionHandler(EmployeeNotFoundException.class)
	ProblemDetail notFound(EmployeeNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(InvalidEmployeeDataException.class)
	ProblemDetail invalid(InvalidEmployeeDataException ex) {
		return Problems.invalid(ex.violations().stream().map(v -> new FieldProblem(v.field(), v.message())).toList());
	}

	@ExceptionHandler(EmployeeVersionMismatchException.class)
	ProblemDetail versionMismatch(EmployeeVersionMismatchException ex) {
		return Problems.of(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Employee changed", ex.getMessage());
	}

}
