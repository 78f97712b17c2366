package org.openwd.presence;

/**
 * Whether an employee can receive work. {@code BUSY} is not stored: the distribution engine derives it from capacity.
 */
public enum PresenceState {

	/** Available for offers. */
	READY,
	/** Logged in but not available; always with a reason code (break, lunch, meeting, training, missed-offer, ...). */
	NOT_READY,
	/** Not logged in, or the inbox's live connection was lost for longer than the grace period. */
	OFFLINE

}
