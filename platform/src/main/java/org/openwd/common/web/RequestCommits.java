package org.openwd.common.web;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Remembers, per HTTP request, whether one of its read-write transactions committed, so an error answer can tell the
 * client the truth: "nothing was changed, repeat it" or "part of it may be stored, read it back first". Spring Boot
 * registers every {@link TransactionExecutionListener} bean with the auto-configured transaction manager.
 */
@Component
public class RequestCommits implements TransactionExecutionListener {

	private static final String COMMITTED = RequestCommits.class.getName() + ".committed";

	@Override
	public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
		if (transaction.isReadOnly()) {
			return;
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			// a failed commit may still have reached the database: count it as a change
			request.setAttribute(COMMITTED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
		}
	}

	/** Whether the current request has committed a read-write transaction (false outside a request). */
	public static boolean anyInCurrentRequest() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		return request != null && request.getAttribute(COMMITTED, RequestAttributes.SCOPE_REQUEST) != null;
	}

}
