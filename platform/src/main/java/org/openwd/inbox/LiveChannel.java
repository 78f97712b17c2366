package org.openwd.inbox;

/**
 * Pushes messages to an employee's open inboxes (every browser tab they have open, on whichever node it is
 * connected). Delivery is best effort: the inbox re-synchronises its state over REST after a reconnect, so a message
 * lost while offline is never the only record of anything.
 */
public interface LiveChannel {

	/**
	 * Sends to one employee.
	 * @param employeeId the employee's login name
	 * @param type message type, e.g. {@code offer}, {@code offer-expired}, {@code task-updated}, {@code presence}
	 * @param payload JSON-serialisable body
	 */
	void toEmployee(String employeeId, String type, Object payload);

	/** Sends to every connected supervisor (supervisor view updates). */
	void toSupervisors(String type, Object payload);

	/** Whether the employee has at least one live connection right now (on this node or, with the relay, any node). */
	boolean isConnected(String employeeId);

}
