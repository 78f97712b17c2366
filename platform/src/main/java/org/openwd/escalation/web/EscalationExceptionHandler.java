package org.openwd.escalation.web;

import org.openwd.common.web.Problems;
import org.openwd.escalation.internal.EscalationAdmin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details of the escalation API (types documented in docs/escalation.md and docs/api-guide.md). */
@RestControllerAdvice(assignableTypes = EscalationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EscalationExceptionHandler {

	@ExceptionHandler(EscalationAdmin.InvalidModel.class)
	ProblemDetail invalid(EscalationAdmin.InvalidModel ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-escalation-model", "Invalid escalation model",
				ex.getMessage());
		problem.setProperty("errors", ex.problems());
		return problem;
	}

	@ExceptionHandler(EscalationAdmin.NotFoundException.class)
	ProblemDetail notFound(EscalationAdmin.NotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(EscalationAdmin.MigrationRefused.class)
	ProblemDetail migration(EscalationAdmin.MigrationRefused ex) {
		return Problems.of(HttpStatus.CONFLICT, "migration-refused", "Migration refused", ex.getMessage());
	}

}
