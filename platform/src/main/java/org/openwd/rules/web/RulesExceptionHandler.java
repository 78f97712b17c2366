package org.openwd.rules.web;

import org.openwd.common.web.Problems;
import org.openwd.rules.internal.ConfigStore;
import org.openwd.rules.internal.dmn.ClassificationDecision;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details of the rules APIs. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RulesExceptionHandler {

	@ExceptionHandler(VersionedDocuments.DocumentNotFoundException.class)
	ProblemDetail notFound(VersionedDocuments.DocumentNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(ConfigStore.VersionConflictException.class)
	ProblemDetail conflict(ConfigStore.VersionConflictException ex) {
		return Problems.of(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Changed meanwhile", ex.getMessage());
	}

	@ExceptionHandler(ClassificationDecision.InvalidDecisionException.class)
	ProblemDetail invalidDecision(ClassificationDecision.InvalidDecisionException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-decision", "Invalid decision table",
				ex.getMessage());
		problem.setProperty("errors", java.util.List.of(new org.openwd.common.web.FieldProblem("(body)", ex.getMessage())));
		return problem;
	}

}
