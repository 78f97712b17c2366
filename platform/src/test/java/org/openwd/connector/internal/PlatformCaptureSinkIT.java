package org.openwd.connector.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureOutcome;
import org.openwd.connector.api.CaptureSink;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.testkit.CaptureSinkContractTest;
import org.openwd.task.SourceTaskChanges;
import org.openwd.task.TaskCapture;
import org.openwd.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's capture sink keeps the SPI's batch capture contract on the real task list (H2, or MariaDB in the
 * MariaDB run): one transaction per batch through the REST batch endpoint's capture path, idempotent by source key
 * within and across batches, a bad item rejected alone.
 */
class PlatformCaptureSinkIT extends IntegrationTest {

	static final String SOURCE = "batch-sink-it";

	@Autowired
	TaskCapture capture;

	@Autowired
	SourceTaskChanges changes;

	@Autowired
	MalformedInputStore malformed;

	@Autowired
	Clock clock;

	PlatformCaptureSink newSink() {
		return new PlatformCaptureSink("batch-sink-it", this.capture, this.changes, this.malformed, this.clock, () -> {
		});
	}

	boolean held(String externalId) {
		return this.api.get("admin", "/api/v1/sources/" + SOURCE + "/tasks/" + externalId).status() == 200;
	}

	@Nested
	class BatchCaptureContract extends CaptureSinkContractTest {

		private final PlatformCaptureSink sink = newSink();

		@Override
		protected CaptureSink sink() {
			return this.sink;
		}

		@Override
		protected String sourceSystem() {
			return SOURCE;
		}

		@Override
		protected CapturedItem rejectedItem(String externalId) {
			// the task list needs a work type: the mapping has none for this item
			return CapturedItem.builder(SOURCE, externalId).title("no type").build();
		}

		@Override
		protected boolean holds(String sourceSystem, String externalId) {
			return held(externalId);
		}

	}

	@Test
	void capturesAHundredItemsInOneCallAndRecordsTheConnectorAsTheActor() {
		String run = "hundred-" + UUID.randomUUID().toString().substring(0, 8);
		List<CapturedItem> items = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			items.add(CapturedItem.builder(SOURCE, run + "-" + i).type("claim").title("item " + i).build());
		}

		List<CaptureOutcome> outcomes = newSink().captureAll(items);

		assertThat(outcomes).hasSize(100).allSatisfy(outcome -> assertThat(outcome.result().created()).isTrue());
		assertThat(outcomes.stream().map(outcome -> outcome.result().taskId()).distinct()).hasSize(100);
		assertThat(held(run + "-0")).isTrue();
		assertThat(held(run + "-99")).isTrue();
		String taskId = outcomes.get(0).result().taskId();
		assertThat(this.api.get("admin", "/api/v1/tasks/" + taskId).raw().body()).contains("connector:batch-sink-it");
		assertThat(newSink().captureAll(items)).allSatisfy(outcome -> assertThat(outcome.result().created()).isFalse());
	}

	@Test
	void rejectsAnItemWithATitleTooLongForTheTaskListAndCapturesTheOthers() {
		String good = "long-" + UUID.randomUUID().toString().substring(0, 8);
		String bad = good + "-bad";

		List<CaptureOutcome> outcomes = newSink().captureAll(List.of(
				CapturedItem.builder(SOURCE, bad).type("claim").title("x".repeat(501)).build(),
				CapturedItem.builder(SOURCE, good).type("claim").title("fine").build()));

		assertThat(outcomes.get(0).failure().getMessage()).isEqualTo("title must be at most 500 characters");
		assertThat(outcomes.get(0).failure().retryable()).isFalse();
		assertThat(outcomes.get(1).result().created()).isTrue();
		assertThat(held(good)).isTrue();
		assertThat(held(bad)).isFalse();
	}

}
