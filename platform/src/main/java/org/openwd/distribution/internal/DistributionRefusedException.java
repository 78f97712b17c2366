package org.openwd.distribution.internal;

/** A supervisor's or employee's request cannot be carried out now (capacity, state). Answered as 409. */
public class DistributionRefusedException extends RuntimeException {

	public DistributionRefusedException(String message) {
		super(message);
	}

}
