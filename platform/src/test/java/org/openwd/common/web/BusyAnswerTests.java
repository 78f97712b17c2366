package org.openwd.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionExecution;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class BusyAnswerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler(
			new ApiLimits(null, null, null, null, Duration.ofSeconds(5)));

	private final RequestCommits commits = new RequestCommits();

	private final CannotCreateTransactionException poolTimeout = new CannotCreateTransactionException(
			"Could not open JPA EntityManager for transaction",
			new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms"));

	@BeforeEach
	void request() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
	}

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aRequestWhoseFirstTransactionCannotBeginIsToldNothingChangedAndWhenToRetry() {
		ResponseEntity<Object> answer = handler.busy(poolTimeout);

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		ProblemDetail problem = (ProblemDetail) answer.getBody();
		assertThat(problem.getType().toString()).isEqualTo("https://openwd.org/problems/service-busy");
		assertThat(problem.getProperties()).containsEntry("changed", false);
		assertThat(problem.getDetail()).contains("connection stayed busy").contains("nothing was changed");
	}

	@Test
	void aRequestThatCommittedBeforeItsNextTransactionFailedIsToldPartOfItMayBeStored() {
		commits.afterCommit(execution(false), null);

		ProblemDetail problem = (ProblemDetail) handler.busy(poolTimeout).getBody();

		assertThat(problem.getProperties()).containsEntry("changed", true);
		assertThat(problem.getDetail()).contains("may already be stored");
	}

	@Test
	void aReadOnlyCommitDoesNotCountAsAChange() {
		commits.afterCommit(execution(true), null);

		assertThat(((ProblemDetail) handler.busy(poolTimeout).getBody()).getProperties()).containsEntry("changed", false);
	}

	@Test
	void anUnreachableDatabaseIsNamedAsSuch() {
		ProblemDetail problem = (ProblemDetail) handler
			.busy(new CannotCreateTransactionException("no connection", new java.net.ConnectException("refused")))
			.getBody();

		assertThat(problem.getDetail()).startsWith("The database could not be reached");
	}

	@Test
	void commitsOutsideARequestAreIgnored() {
		RequestContextHolder.resetRequestAttributes();

		commits.afterCommit(execution(false), null);

		assertThat(RequestCommits.anyInCurrentRequest()).isFalse();
	}

	private static TransactionExecution execution(boolean readOnly) {
		return new TransactionExecution() {

			@Override
			public boolean isNewTransaction() {
				return true;
			}

			@Override
			public boolean isReadOnly() {
				return readOnly;
			}

			@Override
			public void setRollbackOnly() {
			}

			@Override
			public boolean isRollbackOnly() {
				return false;
			}

			@Override
			public boolean isCompleted() {
				return true;
			}

		};
	}

}
