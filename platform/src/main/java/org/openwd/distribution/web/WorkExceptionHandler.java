package org.openwd.distribution.web;

import org.openwd.common.web.Problems;
import org.openwd.distribution.internal.DistributionRefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(assignableTypes = { MyWorkController.class, SupervisorWorkController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkExceptionHandler {

	@ExceptionHandler(MyWorkController.NotYoursException.class)
	ProblemDetail notYours(MyWorkController.NotYoursException ex) {
		return Problems.of(HttpStatus.CONFLICT, "not-yours", "Not your task", ex.getMessage());
	}

	@ExceptionHandler(DistributionRefusedException.class)
	ProblemDetail refused(DistributionRefusedException ex) {
		return Problems.of(HttpStatus.CONFLICT, "distribution-refused", "Cannot do that now", ex.getMessage());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badArgument(IllegalArgumentException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
	}

}
