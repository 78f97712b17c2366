package org.openwd.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessagingException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/** ERROR frames say why, in words a browser developer can act on, and nothing more. */
class LiveErrorHandlerTests {

	@Test
	void namesTheCsrfTokenWhenItIsMissing() {
		assertThat(LiveErrorHandler.describe(new MessagingException("x", new MissingCsrfTokenException(null))))
			.contains("X-XSRF-TOKEN");
	}

	@Test
	void saysAccessDeniedForAForbiddenDestination() {
		assertThat(LiveErrorHandler.describe(new MessagingException("x", new AccessDeniedException("Access Denied"))))
			.isEqualTo(LiveErrorHandler.DENIED);
	}

	@Test
	void hidesInternalFailures() {
		assertThat(LiveErrorHandler.describe(new IllegalStateException("table owd_task is locked")))
			.isEqualTo(LiveErrorHandler.FAILED);
	}

}
