package org.openwd.common.web;

/** The request body is larger than allowed. Answered as 413. */
public class PayloadTooLargeException extends RuntimeException {

	private final long limit;

	public PayloadTooLargeException(long limit) {
		super("Request body exceeds the limit of " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}

}
