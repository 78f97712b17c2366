package org.openwd.inbox.internal;

import org.openwd.inbox.LiveChannel;
import org.openwd.presence.PresenceChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the employee's own inboxes and the supervisors about every presence change: that is how a second tab, or an
 * inbox whose employee a supervisor forced to another state, learns of it.
 */
@Component
class PresenceRelay {

	static final String TYPE = "presence";

	private final LiveChannel live;

	PresenceRelay(LiveChannel live) {
		this.live = live;
	}

	@ApplicationModuleListener
	void on(PresenceChanged event) {
		live.toEmployee(event.employeeId(), TYPE, event);
		live.toSupervisors(TYPE, event);
	}

}
