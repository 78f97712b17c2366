package org.openwd.common.web;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every client error as RFC 9457 problem details that name the offending field(s), so a connector developer
 * can fix the request without reading server logs.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** Problem type of a request refused before it changed anything, because no database connection was free in time. */
	public static final String BUSY = "service-busy";

	private final long retryAfterSeconds;

	ApiExceptionHandler(ApiLimits limits) {
		this.retryAfterSeconds = limits.busyRetryAfter().toSeconds();
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors()
			.forEach(error -> errors.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return ResponseEntity.badRequest().body(Problems.invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldProblem(name, error.getDefaultMessage())));
		}
		return ResponseEntity.badRequest().body(Problems.invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		String field = ex.getPropertyName();
		Class<?> expected = ex.getRequiredType();
		if (ex instanceof MethodArgumentTypeMismatchException m) {
			field = m.getName();
			ResolvableType type = ResolvableType.forMethodParameter(m.getParameter());
			if (type.asCollection() != ResolvableType.NONE && type.asCollection().getGeneric(0).resolve() != null) {
				expected = type.asCollection().getGeneric(0).resolve();
			}
		}
		Object value = ex.getValue() instanceof Object[] values ? String.join(",", java.util.Arrays.stream(values).map(String::valueOf).toList()) : ex.getValue();
		return ResponseEntity.badRequest()
			.body(Problems.invalid(List.of(new FieldProblem(field, JsonPaths.describeExpected(expected, value)))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		PayloadTooLargeException tooLarge = findCause(ex, PayloadTooLargeException.class);
		if (tooLarge != null) {
			return tooLarge(tooLarge);
		}
		Throwable cause = ex.getCause();
		if (cause instanceof JsonMappingException mapping) {
			return ResponseEntity.badRequest()
				.body(Problems.invalid(List.of(new FieldProblem(JsonPaths.path(mapping), JsonPaths.message(mapping)))));
		}
		if (cause instanceof JsonParseException parse) {
			ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
					"The body is not valid JSON at line %d, column %d".formatted(parse.getLocation().getLineNr(),
							parse.getLocation().getColumnNr()));
			return ResponseEntity.badRequest().body(problem);
		}
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Unreadable body", "A JSON request body is required"));
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<Object> invalid(InvalidRequestException ex) {
		return ResponseEntity.badRequest().body(Problems.invalid(ex.problems()));
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Object> tooLarge(PayloadTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large", ex.getMessage()));
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Changed concurrently",
					"Someone else changed this resource at the same time; reload it and try again"));
	}

	/**
	 * A request whose transaction could not begin, because every pooled database connection stayed busy for the pool's
	 * connection timeout (a wave of requests on a saturated machine) or the database is unreachable. 503 with
	 * {@code Retry-After}, not 500. When none of the request's transactions had committed, nothing was changed and the
	 * client may send the same request again, whatever its method ({@code "changed": false}); otherwise part of it may be
	 * stored ({@code "changed": true}).
	 */
	@ExceptionHandler(CannotCreateTransactionException.class)
	ResponseEntity<Object> busy(CannotCreateTransactionException ex) {
		boolean poolWait = findCause(ex, SQLTransientConnectionException.class) != null;
		boolean changed = RequestCommits.anyInCurrentRequest();
		logger.warn("Request answered 503, no database connection" + (changed ? " after a commit: " : ": ") + ex.getMessage());
		String why = poolWait ? "Every database connection stayed busy too long" : "The database could not be reached";
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "Busy, try again shortly",
				changed ? why + "; part of this request may already be stored: read the resource before you repeat it"
						: why + "; nothing was changed: send the same request again after " + retryAfterSeconds + " s");
		problem.setProperty("changed", changed);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
			.body(problem);
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
