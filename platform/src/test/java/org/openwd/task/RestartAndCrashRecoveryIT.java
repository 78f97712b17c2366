package org.openwd.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.testing.Api;
import org.openwd.testing.ItEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Durability across process lifetimes: tasks and history survive a restart, and an event whose listener had not
 * finished when the process went down is delivered after the restart (from the persistent publication registry).
 */
class RestartAndCrashRecoveryIT {

	static Path dataDir;

	@BeforeAll
	static void servers() {
		ItEnvironment.requireServers();
		dataDir = ItEnvironment.newDataDir();
	}

	/** A downstream listener that "crashes" (throws before finishing) while {@link #crashing} is set. */
	static class FlakyListener {

		static volatile boolean crashing;

		static final List<TaskStateChanged> attempted = new CopyOnWriteArrayList<>();

		static final List<TaskStateChanged> completed = new CopyOnWriteArrayList<>();

		@ApplicationModuleListener
		void on(TaskStateChanged event) {
			attempted.add(event);
			if (crashing) {
				throw new IllegalStateException("simulated crash before the listener finished");
			}
			completed.add(event);
		}

	}

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OpenWdApplication.class, FlakyListener.class)
			.run(ItEnvironment.arguments(2, dataDir, Map.of("openwd.task.activation.enabled", "false")));
	}

	static Api api(ConfigurableApplicationContext context) {
		return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void keepsTasksWithTheirHistoryAcrossARestartAndRedeliversEventsInterruptedByACrash() {
		FlakyListener.crashing = true;
		Map<String, Object> request = Api.newTask("crm");
		String id;
		try (ConfigurableApplicationContext first = start()) {
			Api api = api(first);
			id = api.post("connector", "/api/v1/tasks", request).text("id");
			assertThat(api.post("supervisor", "/api/v1/tasks/" + id + "/hold", Map.of("reason", "before restart")).status())
				.isEqualTo(200);
			TaskId taskId = TaskId.of(id);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> FlakyListener.attempted.stream().filter(e -> e.taskId().equals(taskId)).count() == 3);
		}
		assertThat(FlakyListener.completed).noneMatch(e -> e.taskId().toString().equals(id));

		FlakyListener.crashing = false;
		try (ConfigurableApplicationContext second = start()) {
			Api api = api(second);
			var detail = api.get("supervisor", "/api/v1/tasks/" + id).body();
			assertThat(detail.path("task").path("state").asText()).isEqualTo("HELD");
			assertThat(detail.path("history").findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "HOLD");
			assertThat(api.post("connector", "/api/v1/tasks", request).status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(FlakyListener.completed).filteredOn(e -> e.taskId().toString().equals(id))
					.extracting(TaskStateChanged::to)
					.containsExactlyInAnyOrder(TaskState.CAPTURED, TaskState.QUEUED, TaskState.HELD));
		}
	}

}
