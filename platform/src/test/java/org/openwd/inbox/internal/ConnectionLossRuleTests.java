package org.openwd.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.Employees;
import org.openwd.presence.PresenceState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The connection-loss presence rule, with time under the test's control and an in-memory presence module. */
class ConnectionLossRuleTests {

	static final Duration GRACE = Duration.ofSeconds(60);

	final ManualScheduler timers = new ManualScheduler();

	final FakeEmployees employees = new FakeEmployees();

	/** Users the cluster-wide registry still sees on another node. */
	final Set<String> elsewhere = new HashSet<>();

	ConnectionLossRule rule = new ConnectionLossRule(timers, GRACE, elsewhere::contains, provider(employees));

	@Test
	void setsAnEmployeeOfflineWhenTheirLastSessionStaysGoneForTheGracePeriod() {
		employees.add("agent", PresenceState.READY);
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");

		timers.advance(GRACE.minusSeconds(1));
		assertThat(employees.changes).isEmpty();
		assertThat(rule.isWaitingFor("agent")).isTrue();

		timers.advance(Duration.ofSeconds(1));
		assertThat(employees.changes).containsExactly("agent OFFLINE connection-lost by system");
		assertThat(rule.isWaitingFor("agent")).isFalse();
	}

	@Test
	void aReconnectWithinTheGracePeriodCancelsIt() {
		employees.add("agent", PresenceState.NOT_READY);
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");
		timers.advance(Duration.ofSeconds(30));

		rule.connected("agent", "s2");
		timers.advance(GRACE.multipliedBy(2));

		assertThat(employees.changes).isEmpty();
		assertThat(timers.pending()).isZero();
	}

	@Test
	void theGracePeriodStartsAgainAtTheNextLoss() {
		employees.add("agent", PresenceState.READY);
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");
		timers.advance(Duration.ofSeconds(50));
		rule.connected("agent", "s2");
		rule.disconnected("agent", "s2");

		timers.advance(Duration.ofSeconds(50));
		assertThat(employees.changes).isEmpty();
		timers.advance(Duration.ofSeconds(10));
		assertThat(employees.changes).hasSize(1);
	}

	@Test
	void closingOneOfSeveralTabsChangesNothing() {
		employees.add("agent", PresenceState.READY);
		rule.connected("agent", "tab1");
		rule.connected("agent", "tab2");

		rule.disconnected("agent", "tab1");
		// Spring may report the end of a session more than once
		rule.disconnected("agent", "tab1");
		timers.advance(GRACE.multipliedBy(3));

		assertThat(employees.changes).isEmpty();
		assertThat(rule.isWaitingFor("agent")).isFalse();
	}

	@Test
	void aTimerThatFiresJustAfterItWasReplacedDoesNothing() {
		timers.cancelTooLate = true;
		employees.add("agent", PresenceState.READY);
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");
		timers.advance(Duration.ofSeconds(30));
		rule.connected("agent", "s2");
		rule.disconnected("agent", "s2");

		timers.advance(Duration.ofSeconds(30));
		assertThat(employees.changes).as("the first timer, cancelled too late").isEmpty();
		timers.advance(Duration.ofSeconds(30));
		assertThat(employees.changes).containsExactly("agent OFFLINE connection-lost by system");
	}

	@Test
	void leavesUsersAloneWhoAreStillConnectedToAnotherNode() {
		employees.add("agent", PresenceState.READY);
		elsewhere.add("agent");
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");

		timers.advance(GRACE);

		assertThat(employees.changes).isEmpty();
	}

	@Test
	void leavesUsersWithoutAnEmployeeRecordAndEmployeesAlreadyOfflineAlone() {
		employees.add("agent2", PresenceState.OFFLINE);
		for (String user : List.of("admin", "agent2")) {
			rule.connected(user, user + "-session");
			rule.disconnected(user, user + "-session");
		}

		timers.advance(GRACE);

		assertThat(employees.changes).isEmpty();
	}

	@Test
	void survivesAnEmployeeDeletedMeanwhileAndAPresenceModuleThatIsNotThere() {
		employees.add("agent", PresenceState.READY);
		employees.deletedOnChange.add("agent");
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");
		assertThatCode(() -> timers.advance(GRACE)).doesNotThrowAnyException();

		rule = new ConnectionLossRule(timers, GRACE, elsewhere::contains,
				new StaticListableBeanFactory().getBeanProvider(Employees.class));
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");
		assertThatCode(() -> timers.advance(GRACE)).doesNotThrowAnyException();
		assertThat(employees.changes).isEmpty();
	}

	@Test
	void cancellingAllTimersKeepsEveryonesPresence() {
		employees.add("agent", PresenceState.READY);
		rule.connected("agent", "s1");
		rule.disconnected("agent", "s1");

		rule.cancelAll();
		timers.advance(GRACE);

		assertThat(employees.changes).isEmpty();
		assertThat(rule.isWaitingFor("agent")).isFalse();
	}

	static ObjectProvider<Employees> provider(Employees employees) {
		return new StaticListableBeanFactory(Map.of("employees", employees)).getBeanProvider(Employees.class);
	}

	/** The presence module as far as the rule uses it. */
	static final class FakeEmployees implements Employees {

		final Map<String, PresenceState> presence = new ConcurrentHashMap<>();

		final List<String> changes = new CopyOnWriteArrayList<>();

		/** Employees removed between the rule's read and its change. */
		final Set<String> deletedOnChange = new HashSet<>();

		void add(String id, PresenceState state) {
			presence.put(id, state);
		}

		@Override
		public Optional<EmployeeSnapshot> find(String id) {
			PresenceState state = presence.get(id);
			return state == null ? Optional.empty() : Optional.of(snapshot(id, state));
		}

		@Override
		public List<EmployeeSnapshot> all() {
			return presence.keySet().stream().map(id -> find(id).orElseThrow()).toList();
		}

		@Override
		public EmployeeSnapshot changePresence(String id, PresenceState to, String reason, String actor) {
			if (!presence.containsKey(id) || deletedOnChange.contains(id)) {
				throw new NoSuchElementException(id);
			}
			presence.put(id, to);
			changes.add(id + " " + to + " " + reason + " by " + actor);
			return snapshot(id, to);
		}

		private static EmployeeSnapshot snapshot(String id, PresenceState state) {
			return new EmployeeSnapshot(id, id, "team", "department", Map.of(), Map.of(), 1, null, state, null,
					Instant.EPOCH, false, null, 1);
		}

	}

}
