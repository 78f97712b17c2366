package org.openwd.inbox.internal;

import java.time.Clock;
import java.util.Objects;

import org.openwd.inbox.LiveChannel;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The live channel over STOMP. An employee's messages go to the user destination {@value #INBOX}: every session
 * (browser tab) of that user receives them, on whichever node it is connected; supervisors' messages go to the topic
 * {@value #SUPERVISORS}.
 */
@Component
class StompLiveChannel implements LiveChannel {

	/** Where an employee's inbox subscribes: {@code /user/queue/inbox}. */
	static final String INBOX = "/queue/inbox";

	static final String SUPERVISORS = "/topic/supervisors";

	private final SimpMessageSendingOperations messaging;

	private final SimpUserRegistry users;

	private final Clock clock;

	StompLiveChannel(SimpMessageSendingOperations messaging, SimpUserRegistry users, Clock clock) {
		this.messaging = messaging;
		this.users = users;
		this.clock = clock;
	}

	@Override
	public void toEmployee(String employeeId, String type, Object payload) {
		Assert.hasText(employeeId, "employeeId is required");
		messaging.convertAndSendToUser(employeeId, INBOX, message(type, payload));
	}

	@Override
	public void toSupervisors(String type, Object payload) {
		messaging.convertAndSend(SUPERVISORS, message(type, payload));
	}

	@Override
	public boolean isConnected(String employeeId) {
		SimpUser user = users.getUser(Objects.requireNonNull(employeeId, "employeeId"));
		return user != null && user.hasSessions();
	}

	private LiveMessage message(String type, Object payload) {
		Assert.hasText(type, "type is required");
		return new LiveMessage(type, clock.instant(), payload);
	}

}
