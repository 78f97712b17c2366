package org.openwd.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.openwd.inbox.internal.ConnectionLossRule;
import org.openwd.testing.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * The live channel end to end on one node: a real WebSocket + STOMP client against the running application, with the
 * handshake authenticated like a browser's and the CSRF token echoed in CONNECT.
 */
class LiveChannelIT extends IntegrationTest {

	static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	LiveChannel live;

	@Autowired
	ConnectionLossRule connectionLoss;

	@Autowired
	SimpUserRegistry userRegistry;

	@Autowired
	MeterRegistry meters;

	private final List<LiveClient> clients = new ArrayList<>();

	private final Set<String> users = ConcurrentHashMap.newKeySet();

	/**
	 * The context is shared with other tests: once this test's connections are gone, stop the grace timers they
	 * started, so nobody's presence changes 60 s later in the middle of another test.
	 */
	@AfterEach
	void disconnectWithoutSideEffects() {
		clients.forEach(LiveClient::close);
		await().atMost(WAIT).until(() -> users.stream().noneMatch(live::isConnected));
		await().atMost(WAIT).until(() -> users.stream().allMatch(connectionLoss::isWaitingFor));
		connectionLoss.cancelAll();
	}

	@Test
	void pushesToEveryOpenInboxOfTheEmployeeAndToNobodyElse() throws Exception {
		BlockingQueue<JsonNode> agent = connect("agent").subscribe("/user/queue/inbox");
		BlockingQueue<JsonNode> agent2 = connect("agent2").subscribe("/user/queue/inbox");
		awaitSubscribed("agent", agent);
		awaitSubscribed("agent2", agent2);

		Instant before = Instant.now();
		live.toEmployee("agent", "it-offer", Map.of("taskId", "T-1", "expiresAt", "2030-01-01T00:00:00Z"));
		live.toEmployee("agent2", "it-marker", Map.of());

		JsonNode offer = next(agent, "it-offer");
		assertThat(offer.path("payload").path("taskId").asText()).isEqualTo("T-1");
		assertThat(Instant.parse(offer.path("at").asText())).isBetween(before.minusSeconds(1), Instant.now());
		assertThat(until(agent2, "it-marker")).extracting(message -> message.path("type").asText())
			.doesNotContain("it-offer");
	}

	@Test
	void refusesAnonymousHandshakesWith401() {
		assertThatThrownBy(() -> connect(null)).hasMessageContaining("401");
	}

	@Test
	void refusesAConnectFrameWithoutTheCsrfToken() {
		assertThatThrownBy(() -> LiveClient.connectWithoutCsrfToken(base(), "agent")).hasMessageContaining("CSRF");
	}

	@Test
	void onlySupervisorsMaySubscribeToTheSupervisorTopic() throws Exception {
		LiveClient agent = connect("agent");
		BlockingQueue<JsonNode> agentView = agent.subscribe("/topic/supervisors");
		assertRefused(agent);

		BlockingQueue<JsonNode> supervisor = connect("supervisor").subscribe("/topic/supervisors");
		await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
			live.toSupervisors("it-tiles", Map.of("waiting", 3));
			return !supervisor.isEmpty();
		});
		assertThat(next(supervisor, "it-tiles").path("payload").path("waiting").asInt()).isEqualTo(3);
		assertThat(agentView).isEmpty();
	}

	@Test
	void refusesFramesSentToAnythingButTheApplicationPrefix() throws Exception {
		LiveClient agent = connect("agent");
		agent.send("/topic/supervisors", "{\"type\":\"fake\"}");
		assertRefused(agent);
	}

	@Test
	void knowsWhoIsConnectedAndStartsTheGraceTimerWhenTheLastSessionEnds() throws Exception {
		LiveClient first = connect("agent");
		LiveClient second = connect("agent");
		await().atMost(WAIT).until(() -> live.isConnected("agent"));
		assertThat(live.isConnected("agent2")).isFalse();

		first.close();
		await().atMost(WAIT).until(() -> userRegistry.getUser("agent").getSessions().size() == 1);
		// still connected through the second tab: no timer yet
		assertThat(live.isConnected("agent")).isTrue();
		assertThat(connectionLoss.isWaitingFor("agent")).isFalse();

		second.close();
		await().atMost(WAIT).until(() -> !live.isConnected("agent"));
		await().atMost(WAIT).until(() -> connectionLoss.isWaitingFor("agent"));
	}

	@Test
	void countsOpenSessionsAndSubscriptionsInItsMetrics() throws Exception {
		double sessions = gauge("openwd.live.sessions");
		double subscriptions = gauge("openwd.live.subscriptions");

		LiveClient client = connect("agent");
		await().atMost(WAIT).until(() -> gauge("openwd.live.sessions") == sessions + 1);
		client.subscribe("/user/queue/inbox");
		await().atMost(WAIT).until(() -> gauge("openwd.live.subscriptions") == subscriptions + 1);

		client.close();
		await().atMost(WAIT).until(() -> gauge("openwd.live.sessions") == sessions);
		await().atMost(WAIT).until(() -> gauge("openwd.live.subscriptions") == subscriptions);
	}

	/**
	 * Every session has its own inbox destination. The in-memory broker resolves a destination it has not cached by
	 * scanning every session's subscriptions, so its destination cache must hold more destinations than there are
	 * sessions (Spring's default of 1,024 made every push at 2,000 inboxes such a scan).
	 */
	@Test
	void theInMemoryBrokerRemembersTheSubscribersOfMoreInboxesThanSpringsDefault() {
		org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler broker = simpleBroker.getIfAvailable();
		org.junit.jupiter.api.Assumptions.assumeTrue(broker != null, "the STOMP relay is configured, not the in-memory broker");
		assertThat(broker.getSubscriptionRegistry())
			.isInstanceOfSatisfying(org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry.class,
					registry -> assertThat(registry.getCacheLimit()).isGreaterThanOrEqualTo(20_000));
	}

	@Autowired
	org.springframework.beans.factory.ObjectProvider<org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler> simpleBroker;

	private double gauge(String name) {
		return meters.get(name).gauge().value();
	}

	/**
	 * The server answers a refused frame with an ERROR frame and closes the connection. The ERROR frame itself can lose
	 * the race with the close (Spring closes right after queueing it), so the closed connection is what must happen.
	 */
	private static void assertRefused(LiveClient client) {
		await().atMost(WAIT).until(() -> !client.isConnected());
		assertThat(client.errors).isNotEmpty()
			.allMatch(error -> error.contains("Access denied") || error.contains("Connection closed"));
	}

	private LiveClient connect(String user) throws Exception {
		LiveClient client = LiveClient.connect(base(), user);
		clients.add(client);
		users.add(user);
		return client;
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	/** Subscribing is asynchronous: ping until the subscription is in place. */
	private void awaitSubscribed(String user, BlockingQueue<JsonNode> inbox) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
			live.toEmployee(user, "it-ping", Map.of());
			return inbox.poll(100, TimeUnit.MILLISECONDS) != null;
		});
	}

	/**
	 * The next message of the type, skipping others (pings, and pushes of the modules sharing this context). Test
	 * messages use their own types, {@code it-*}.
	 */
	static JsonNode next(BlockingQueue<JsonNode> inbox, String type) throws InterruptedException {
		List<JsonNode> seen = until(inbox, type);
		return seen.get(seen.size() - 1);
	}

	/** Every message up to and including the first of the type (fails after a while). */
	static List<JsonNode> until(BlockingQueue<JsonNode> inbox, String type) throws InterruptedException {
		List<JsonNode> seen = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode message = inbox.poll(100, TimeUnit.MILLISECONDS);
			if (message != null) {
				seen.add(message);
				if (type.equals(message.path("type").asText())) {
					return seen;
				}
			}
		}
		throw new AssertionError("No '" + type + "' message within " + WAIT + "; received " + seen);
	}

}
