package org.openwd.inbox.internal;

import java.security.Principal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * The connection-loss presence rule: when an employee's last live session on this node ends, a grace timer starts;
 * if none of their sessions is back when it runs out (on this node, or on another node as far as the cluster-wide
 * user registry knows), the employee goes {@code OFFLINE} with reason {@value #REASON}, changed by {@value #ACTOR}.
 * A new session within the grace period cancels the timer.
 * <p>
 * Sessions are counted per user name; Spring may report a session's end more than once, so sessions are tracked by
 * id. Users without an employee record (and employees already offline) are left alone. The presence module is looked
 * up lazily, so the live channel works without it.
 */
public final class ConnectionLossRule {

	static final String REASON = "connection-lost";

	static final String ACTOR = "system";

	private static final Logger log = LoggerFactory.getLogger(ConnectionLossRule.class);

	private final TaskScheduler timers;

	private final Duration grace;

	private final Predicate<String> connectedOnAnyNode;

	private final ObjectProvider<Employees> employees;

	private final Map<String, Connections> users = new ConcurrentHashMap<>();

	/**
	 * @param timers runs the grace timers (its clock decides when they are due)
	 * @param grace how long a user may be without any session
	 * @param connectedOnAnyNode whether the user registry (cluster-wide with the relay) still sees a session of the user
	 * @param employees the presence module, if present
	 */
	ConnectionLossRule(TaskScheduler timers, Duration grace, Predicate<String> connectedOnAnyNode,
			ObjectProvider<Employees> employees) {
		if (grace.isNegative()) {
			throw new IllegalArgumentException("openwd.live.offline-grace must not be negative: " + grace);
		}
		this.timers = timers;
		this.grace = grace;
		this.connectedOnAnyNode = connectedOnAnyNode;
		this.employees = employees;
	}

	/** A user's sessions on this node, and the grace timer that runs while there are none. */
	private static final class Connections {

		final Set<String> sessions = new HashSet<>();

		ScheduledFuture<?> timer;

		/** Identifies the current timer, so a timer that fires just as it is replaced does nothing. */
		long generation;

	}

	@EventListener
	void on(SessionConnectedEvent event) {
		String session = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
		Principal user = event.getUser();
		if (user != null && session != null) {
			connected(user.getName(), session);
		}
	}

	@EventListener
	void on(SessionDisconnectEvent event) {
		Principal user = event.getUser();
		if (user != null) {
			disconnected(user.getName(), event.getSessionId());
		}
	}

	void connected(String user, String session) {
		users.compute(user, (name, existing) -> {
			Connections connections = existing != null ? existing : new Connections();
			connections.sessions.add(session);
			if (connections.timer != null) {
				connections.timer.cancel(false);
				connections.timer = null;
				connections.generation++;
				log.debug("{} reconnected within the grace period", name);
			}
			return connections;
		});
	}

	void disconnected(String user, String session) {
		users.computeIfPresent(user, (name, connections) -> {
			if (connections.sessions.remove(session) && connections.sessions.isEmpty() && connections.timer == null) {
				long generation = ++connections.generation;
				try {
					connections.timer = timers.schedule(() -> graceOver(name, generation),
							timers.getClock().instant().plus(grace));
					log.debug("{} has no live session left: offline in {} unless they reconnect", name, grace);
				}
				catch (TaskRejectedException shuttingDown) {
					// the node is going down: its sessions end with it, and another node takes over the browsers
					log.debug("No grace timer for {}: {}", name, shuttingDown.getMessage());
				}
			}
			return connections;
		});
	}

	/** Whether the grace timer runs for the user (their last session on this node ended less than the grace ago). */
	public boolean isWaitingFor(String user) {
		boolean[] waiting = { false };
		users.computeIfPresent(user, (name, connections) -> {
			waiting[0] = connections.timer != null;
			return connections;
		});
		return waiting[0];
	}

	/**
	 * Stops every running grace timer: nobody goes offline for a connection lost before this call. Tests that share
	 * one application context with tests of presence use it to leave no timer behind.
	 */
	public void cancelAll() {
		users.keySet().forEach(name -> users.computeIfPresent(name, (key, connections) -> {
			if (connections.timer != null) {
				connections.timer.cancel(false);
				connections.timer = null;
				connections.generation++;
			}
			return connections.sessions.isEmpty() ? null : connections;
		}));
	}

	private void graceOver(String user, long generation) {
		boolean[] lost = { false };
		users.computeIfPresent(user, (name, connections) -> {
			if (connections.generation != generation) {
				return connections;
			}
			connections.timer = null;
			if (!connections.sessions.isEmpty()) {
				return connections;
			}
			lost[0] = true;
			return null;
		});
		if (lost[0] && !connectedOnAnyNode.test(user)) {
			goOffline(user);
		}
	}

	private void goOffline(String user) {
		Employees directory = employees.getIfAvailable();
		if (directory == null) {
			return;
		}
		try {
			Optional<EmployeeSnapshot> employee = directory.find(user);
			if (employee.isEmpty() || employee.get().presence() == PresenceState.OFFLINE) {
				return;
			}
			directory.changePresence(user, PresenceState.OFFLINE, REASON, ACTOR);
			log.info("{} lost their live connection for more than {}: now OFFLINE", user, grace);
		}
		catch (NoSuchElementException noEmployee) {
			log.debug("{} has no employee record: presence unchanged", user);
		}
		catch (RuntimeException ex) {
			log.warn("Could not set {} OFFLINE after their live connection was lost", user, ex);
		}
	}

}
