package org.openwd.task.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.task.QueuedTaskIndex;
import org.openwd.task.QueuedTaskView;
import org.openwd.testing.ItEnvironment;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * The start-up read of the queued tasks begins while the application is still starting (on its own thread, before the
 * context is refreshed), and the application accepts traffic only after every index has been told the rebuild is
 * finished: an index that is slow to rebuild holds the readiness, not the rest of the start.
 */
class QueuedTaskRebuildStartIT {

	static Path dataDir;

	@BeforeAll
	static void servers() {
		ItEnvironment.requireServers();
		dataDir = ItEnvironment.newDataDir();
	}

	@Test
	void theReadBeginsWhileTheApplicationStartsAndReadinessWaitsUntilEveryIndexIsRebuilt() throws Exception {
		List<String> moments = new CopyOnWriteArrayList<>();
		CountDownLatch release = new CountDownLatch(1);
		QueuedTaskIndex slow = new QueuedTaskIndex() {
			@Override
			public void rebuildStarting() {
				moments.add("starting on " + Thread.currentThread().getName());
				try {
					release.await(5, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public void rebuildBatch(List<QueuedTaskView> batch) {
			}

			@Override
			public void rebuildFinished(long count) {
				moments.add("finished");
			}
		};
		ApplicationListener<ApplicationEvent> observer = event -> {
			if (event instanceof ContextRefreshedEvent) {
				moments.add("refreshed");
			}
			else if (event instanceof AvailabilityChangeEvent<?> change
					&& change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
				moments.add("accepting traffic");
			}
		};
		ApplicationRunner runner = args -> moments.add("runners");
		SpringApplicationBuilder builder = new SpringApplicationBuilder(OpenWdApplication.class).initializers(context -> {
			context.getBeanFactory().registerSingleton("slowQueuedTaskIndex", slow);
			context.getBeanFactory().registerSingleton("momentRecordingRunner", runner);
		}).listeners(observer);
		String[] args = ItEnvironment.arguments(2, dataDir, Map.of("openwd.task.activation.enabled", "false"));
		CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(() -> builder.run(args));
		try {
			await().atMost(Duration.ofMinutes(5)).until(() -> moments.contains("runners") || started.isDone());
			assertThat(moments).as("the read began before the context was refreshed, on its own thread")
				.containsSubsequence("starting on " + QueuedTaskRebuild.THREAD, "refreshed", "runners");
			// the start is done up to the ready event, whose first listener waits for the held index
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
				.until(() -> !moments.contains("accepting traffic") && !started.isDone());
			release.countDown();
			try (ConfigurableApplicationContext context = started.get(5, TimeUnit.MINUTES)) {
				assertThat(moments).containsSubsequence("runners", "finished", "accepting traffic");
				assertThat(moments).doesNotContainSubsequence("accepting traffic", "finished");
			}
		}
		finally {
			release.countDown();
			if (!started.isDone()) {
				started.thenAccept(ConfigurableApplicationContext::close);
			}
		}
	}

}
