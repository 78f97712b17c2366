package org.openwd.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.testing.ItEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;

/**
 * Cluster mode: two application nodes relay the live channel through RabbitMQ's STOMP plugin, so a message sent on
 * node A reaches a browser connected to node B, and node A knows that the user is connected. Runs in the MariaDB +
 * RabbitMQ run only (scripts/test.sh passes {@code openwd.it.rabbit.stomp-port}); the embedded broker speaks no STOMP.
 */
class LiveChannelRelayIT {

	static final Duration WAIT = Duration.ofSeconds(30);

	static ConfigurableApplicationContext nodeA;

	static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodes() {
		ItEnvironment.requireServers();
		Assumptions.assumeTrue(ItEnvironment.mariadb(),
				"The STOMP relay needs RabbitMQ: it runs in the MariaDB + RabbitMQ run (scripts/test.sh)");
		String stompPort = System.getProperty("openwd.it.rabbit.stomp-port", "");
		if (stompPort.isBlank()) {
			if (Boolean.getBoolean("openwd.it.required")) {
				throw new IllegalStateException("openwd.it.required=true but openwd.it.rabbit.stomp-port is not set");
			}
			Assumptions.abort("No RabbitMQ STOMP port configured (openwd.it.rabbit.stomp-port)");
		}
		nodeA = start(stompPort);
		nodeB = start(stompPort);
	}

	@AfterAll
	static void stopNodes() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeB, nodeA }) {
			if (node != null) {
				node.close();
			}
		}
	}

	static ConfigurableApplicationContext start(String stompPort) {
		Map<String, String> relay = Map.of(
				"openwd.live.relay.enabled", "true",
				"openwd.live.relay.host", System.getProperty("openwd.it.rabbit.host"),
				"openwd.live.relay.port", stompPort,
				"openwd.live.relay.login", System.getProperty("openwd.it.rabbit.username"),
				"openwd.live.relay.passcode", System.getProperty("openwd.it.rabbit.password"));
		ConfigurableApplicationContext node = new SpringApplicationBuilder(OpenWdApplication.class)
			.run(ItEnvironment.arguments(2, ItEnvironment.newDataDir(), relay));
		AbstractBrokerMessageHandler broker = node.getBean("stompBrokerRelayMessageHandler",
				AbstractBrokerMessageHandler.class);
		await().atMost(WAIT).until(broker::isBrokerAvailable);
		return node;
	}

	static String base(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	@Test
	void aMessageSentOnOneNodeReachesABrowserConnectedToTheOther() throws Exception {
		LiveChannel onA = nodeA.getBean(LiveChannel.class);
		try (LiveClient browserOnB = LiveClient.connect(base(nodeB), "agent");
				LiveClient supervisorOnB = LiveClient.connect(base(nodeB), "supervisor")) {
			BlockingQueue<JsonNode> inbox = browserOnB.subscribe("/user/queue/inbox");
			BlockingQueue<JsonNode> supervisors = supervisorOnB.subscribe("/topic/supervisors");

			// until B's subscription is in place, A's messages find nobody (best effort, as the contract says)
			await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
				onA.toEmployee("agent", "it-offer", Map.of("taskId", "T-42"));
				return !inbox.isEmpty();
			});
			JsonNode offer = LiveChannelIT.next(inbox, "it-offer");
			assertThat(offer.path("payload").path("taskId").asText()).isEqualTo("T-42");

			await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
				onA.toSupervisors("it-tiles", Map.of("waiting", 7));
				return !supervisors.isEmpty();
			});
			assertThat(LiveChannelIT.next(supervisors, "it-tiles").path("payload").path("waiting").asInt()).isEqualTo(7);

			// the user registry is shared through RabbitMQ as well (broadcast every 10 s)
			await().atMost(WAIT).until(() -> onA.isConnected("agent"));
			assertThat(onA.isConnected("agent2")).isFalse();
			assertThat(browserOnB.errors).isEmpty();
		}
	}

}
