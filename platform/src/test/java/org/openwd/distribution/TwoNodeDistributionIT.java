package org.openwd.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.testing.Api;
import org.openwd.testing.ItEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two platform nodes sharing one MariaDB and one RabbitMQ, both distributing: tasks captured on either node, employees
 * ready on either node, concurrent work. Nobody exceeds capacity, no task is held twice, every task gets done (no lost
 * wake-up across nodes).
 */
class TwoNodeDistributionIT {

	@Test
	void twoNodesKeepTheDistributionGuaranteesOnOneDatabase() throws Exception {
		Assumptions.assumeTrue(ItEnvironment.mariadb(), "needs the shared MariaDB and RabbitMQ of the MariaDB run");
		ItEnvironment.requireServers();
		try (ConfigurableApplicationContext a = start(ItEnvironment.newDataDir());
				ConfigurableApplicationContext b = start(ItEnvironment.newDataDir())) {
			Api nodeA = api(a);
			Api nodeB = api(b);
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			DistributionIT setup = new DistributionIT();
			setup.api = nodeA;
			setup.suffix = suffix;
			setup.skill = "e2e" + suffix;
			String type = setup.setUpWork("PT5M");
			List<String> agents = List.of("it-agent1", "it-agent2", "it-agent3", "it-agent4");
			for (int i = 0; i < agents.size(); i++) {
				setup.employee(agents.get(i), 2);
				WorkSimulation.presence(i % 2 == 0 ? nodeA : nodeB, agents.get(i), "READY");
			}
			int total = 60;
			List<String> ids = Collections.synchronizedList(new ArrayList<>());
			ExecutorService capture = Executors.newFixedThreadPool(8);
			List<Future<?>> captures = new ArrayList<>();
			for (int i = 0; i < total; i++) {
				Api node = i % 2 == 0 ? nodeA : nodeB;
				captures.add(capture.submit(() -> {
					Map<String, Object> request = Api.newTask("two-nodes");
					request.put("type", type);
					ids.add(node.post("connector", "/api/v1/tasks", request).text("id"));
				}));
			}
			WorkSimulation simulation = new WorkSimulation();
			List<WorkSimulation.Agent> workers = new ArrayList<>();
			for (int i = 0; i < agents.size(); i++) {
				workers.add(new WorkSimulation.Agent(agents.get(i), i % 2 == 0 ? nodeB : nodeA, 2));
			}
			int done = simulation.work(workers, type, total, Duration.ofSeconds(120));
			for (Future<?> future : captures) {
				future.get();
			}
			capture.shutdown();
			assertThat(simulation.violations).isEmpty();
			List<String> unfinished = new ArrayList<>();
			for (String id : ids) {
				var detail = nodeA.get("supervisor", "/api/v1/tasks/" + id).body();
				if (!detail.path("task").path("state").asText().equals("COMPLETED")) {
					unfinished.add(id + " " + detail.path("task").path("state").asText() + " "
							+ detail.path("task").path("assignedEmployee").asText() + " " + detail.path("history"));
				}
			}
			for (String agent : agents) {
				unfinished.add(agent + ": " + nodeA.get("admin", "/api/v1/employees/" + agent).body());
			}
			assertThat(done).as(String.join("\n", unfinished)).isEqualTo(total);
			assertThat(ids).hasSize(total);
			ids.forEach(id -> WorkSimulation.assertNeverHeldTwice(nodeA, id));
			agents.forEach(agent -> WorkSimulation.presence(nodeA, agent, "OFFLINE"));
		}
	}

	static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(OpenWdApplication.class).run(ItEnvironment.arguments(2, dataDir, Map.of()));
	}

	static Api api(ConfigurableApplicationContext context) {
		return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
