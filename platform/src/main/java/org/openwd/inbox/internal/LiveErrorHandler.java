package org.openwd.inbox.internal;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Says in the ERROR frame why a client frame was refused (Spring's default only says that the frame could not be
 * passed on), without exposing internal exception text. The server closes the connection after an ERROR frame.
 */
class LiveErrorHandler extends StompSubProtocolErrorHandler {

	static final String CSRF = "Missing or invalid CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header of CONNECT";

	static final String DENIED = "Access denied";

	static final String FAILED = "The frame could not be processed";

	@Override
	public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
		return super.handleClientMessageProcessingError(clientMessage, new MessagingException(describe(ex)));
	}

	static String describe(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CsrfException) {
				return CSRF;
			}
			if (cause instanceof AccessDeniedException) {
				return DENIED;
			}
		}
		return FAILED;
	}

}
