package org.openwd.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.openwd.inbox.LiveChannel;
import org.openwd.presence.PresenceChanged;
import org.openwd.presence.PresenceState;

/** Presence changes reach the employee's own inboxes and the supervisors. */
class PresenceRelayTests {

	record Sent(String to, String type, Object payload) {
	}

	final List<Sent> sent = new CopyOnWriteArrayList<>();

	final LiveChannel live = new LiveChannel() {

		@Override
		public void toEmployee(String employeeId, String type, Object payload) {
			sent.add(new Sent(employeeId, type, payload));
		}

		@Override
		public void toSupervisors(String type, Object payload) {
			sent.add(new Sent("supervisors", type, payload));
		}

		@Override
		public boolean isConnected(String employeeId) {
			return true;
		}

	};

	@Test
	void tellsTheEmployeeAndTheSupervisorsAboutAForcedChange() {
		PresenceChanged forced = new PresenceChanged("agent", PresenceState.READY, PresenceState.NOT_READY, "meeting",
				Instant.parse("2026-03-02T09:00:00Z"), "supervisor");

		new PresenceRelay(live).on(forced);

		assertThat(sent).containsExactly(new Sent("agent", "presence", forced), new Sent("supervisors", "presence", forced));
	}

	@Test
	void pushesOnlyOnceTheChangeHasCommitted() {
		PresenceChanged ready = new PresenceChanged("agent", PresenceState.OFFLINE, PresenceState.READY, null,
				Instant.parse("2026-03-02T09:00:00Z"), "agent");
		TransactionSynchronizationManager.initSynchronization();
		try {
			new PresenceRelay(live).on(ready);
			assertThat(sent).as("nothing before the commit").isEmpty();

			TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(sent).containsExactly(new Sent("agent", "presence", ready), new Sent("supervisors", "presence", ready));
	}

	@Test
	void pushesNothingForAChangeThatRolledBack() {
		PresenceChanged ready = new PresenceChanged("agent", PresenceState.OFFLINE, PresenceState.READY, null,
				Instant.parse("2026-03-02T09:00:00Z"), "agent");
		TransactionSynchronizationManager.initSynchronization();
		try {
			new PresenceRelay(live).on(ready);
			TransactionSynchronizationManager.getSynchronizations()
				.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(sent).isEmpty();
	}

	@Test
	void aBrokerThatIsDownDoesNotFailTheCommittedChange() {
		PresenceChanged ready = new PresenceChanged("agent", PresenceState.OFFLINE, PresenceState.READY, null,
				Instant.parse("2026-03-02T09:00:00Z"), "agent");
		LiveChannel down = new LiveChannel() {

			@Override
			public void toEmployee(String employeeId, String type, Object payload) {
				throw new org.springframework.messaging.MessageDeliveryException("Message broker not active");
			}

			@Override
			public void toSupervisors(String type, Object payload) {
				throw new org.springframework.messaging.MessageDeliveryException("Message broker not active");
			}

			@Override
			public boolean isConnected(String employeeId) {
				return false;
			}

		};

		org.assertj.core.api.Assertions.assertThatCode(() -> new PresenceRelay(down).on(ready)).doesNotThrowAnyException();
	}

}
