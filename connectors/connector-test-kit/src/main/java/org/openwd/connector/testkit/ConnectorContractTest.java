package org.openwd.connector.testkit;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.testkit.RecordingSink.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link ConnectorSource} keeps, as one abstract JUnit 5 test. An adapter's test extends it and
 * says how to make a source and how to put input into its upstream (publish a message, insert a row, drop a file,
 * call the endpoint); the contract then checks that
 * <ul>
 * <li>each item is captured once, also when it is delivered again (the upstream resends it, or the sink failed
 * with a retryable error and the source redelivered it);</li>
 * <li>malformed input is reported with a location and a reason and skipped, and the source keeps delivering;</li>
 * <li>input the platform rejects for good is not retried forever;</li>
 * <li>updates and cancels reach the task;</li>
 * <li>after {@code close()} returned, the source makes no sink call, and it cannot be started again;</li>
 * <li>health counts what was captured and what failed;</li>
 * <li>a burst of input (which a batching source hands to {@code captureAll}) loses nothing and doubles nothing, also
 * when the whole batch fails retryably once, and an item the platform rejects within a burst is given up on its
 * own.</li>
 * </ul>
 * A source may deliver captures one by one or in batches ({@link org.openwd.connector.api.CaptureSink#captureAll});
 * the contract holds for both. The burst tests put {@link #burstSize()} items into the upstream as fast as it takes
 * them, so a batching source reads them as batches.
 * Every test uses fresh external ids, so upstreams may be shared between tests.
 */
public abstract class ConnectorContractTest {

	/** A recording sink with the platform's exactly-once-by-key semantics. */
	protected final RecordingSink sink = new RecordingSink();

	private ConnectorSource source;

	/** A new, not yet started source reading the test's upstream and delivering as {@link #sourceSystem()}. */
	protected abstract ConnectorSource newSource() throws Exception;

	/** The source system name the source puts on its items. */
	protected abstract String sourceSystem();

	/** Puts a new item with this external id and title into the upstream. */
	protected abstract void sendCapture(String externalId, String title) throws Exception;

	/** Puts a change of the item's title into the upstream. */
	protected abstract void sendUpdate(String externalId, String newTitle) throws Exception;

	/** Puts a withdrawal of the item into the upstream. */
	protected abstract void sendCancel(String externalId, String reason) throws Exception;

	/** Puts input into the upstream that cannot be mapped (broken syntax, a missing id); marker is unique per call. */
	protected abstract void sendMalformed(String marker) throws Exception;

	/** Resends an item exactly as before (a redelivery by the upstream). Default: {@link #sendCapture} again. */
	protected void sendAgain(String externalId, String title) throws Exception {
		sendCapture(externalId, title);
	}

	/** How long to wait for the source to deliver. */
	protected Duration timeout() {
		return Duration.ofSeconds(20);
	}

	/** How many items the burst tests put into the upstream at once. */
	protected int burstSize() {
		return 60;
	}

	/** How long the source is watched to show it does nothing (after close). */
	protected Duration quietPeriod() {
		return Duration.ofSeconds(2);
	}

	@BeforeEach
	void createSource() throws Exception {
		this.source = newSource();
	}

	@AfterEach
	void closeSource() {
		if (this.source != null) {
			this.source.close();
		}
	}

	protected ConnectorSource source() {
		return this.source;
	}

	protected static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private void start() {
		this.source.start(this.sink);
	}

	@Test
	void capturesEveryItemOnceEvenWhenTheUpstreamSendsItAgain() throws Exception {
		String id = newId("dup");
		start();
		sendCapture(id, "first");
		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), id).isPresent());
		sendAgain(id, "first");
		String next = newId("after");
		sendCapture(next, "second");

		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), next).isPresent());
		assertThat(this.sink.tasks()).filteredOn(task -> task.item().externalId().equals(id)).hasSize(1);
		assertThat(this.sink.task(sourceSystem(), id).orElseThrow().title()).isEqualTo("first");
	}

	@Test
	void deliversAgainAfterARetryableFailureAndCapturesOnce() throws Exception {
		String id = newId("retry");
		this.sink.failNextCallWith(RecordingSink.firstAttemptFails());
		start();
		sendCapture(id, "retried");

		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), id).isPresent());
		assertThat(this.sink.captureFailedFor(id)).as("the first capture failed and was delivered again").isTrue();
		assertThat(this.sink.tasks()).filteredOn(task -> task.item().externalId().equals(id)).hasSize(1);
	}

	@Test
	void reportsMalformedInputAndKeepsDelivering() throws Exception {
		String marker = newId("bad");
		String good = newId("good");
		start();
		sendMalformed(marker);
		sendCapture(good, "after the bad one");

		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), good).isPresent());
		await().atMost(timeout()).until(() -> !this.sink.malformed().isEmpty());
		assertThat(this.sink.malformed()).allSatisfy(input -> {
			assertThat(input.sourceSystem()).isEqualTo(sourceSystem());
			assertThat(input.location()).isNotBlank();
			assertThat(input.reason()).isNotBlank();
		});
		await().atMost(timeout()).untilAsserted(() -> assertThat(this.source.health().failedCount()).isPositive());
	}

	@Test
	void givesUpOnInputThePlatformRejectsAndMovesOn() throws Exception {
		String poison = newId("poison");
		String good = newId("good");
		this.sink.failNextCallWith(CaptureException.rejected("type: unknown work type"));
		start();
		sendCapture(poison, "rejected");
		await().atMost(timeout()).until(() -> this.sink.calls() >= 1);
		sendCapture(good, "accepted");

		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), good).isPresent());
		assertThat(this.sink.task(sourceSystem(), poison)).isEmpty();
	}

	@Test
	void updatesReachTheTask() throws Exception {
		String id = newId("upd");
		start();
		sendCapture(id, "before");
		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), id).isPresent());
		sendUpdate(id, "after");

		await().atMost(timeout())
			.untilAsserted(() -> assertThat(this.sink.task(sourceSystem(), id).orElseThrow().title()).isEqualTo("after"));
	}

	@Test
	void cancelsReachTheTask() throws Exception {
		String id = newId("cxl");
		start();
		sendCapture(id, "to be withdrawn");
		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), id).isPresent());
		sendCancel(id, "withdrawn");

		await().atMost(timeout())
			.untilAsserted(() -> assertThat(this.sink.task(sourceSystem(), id).orElseThrow().state()).isEqualTo(State.CANCELED));
	}

	@Test
	void makesNoSinkCallAfterCloseReturned() throws Exception {
		String before = newId("open");
		start();
		sendCapture(before, "while open");
		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), before).isPresent());

		this.source.close();
		this.sink.sourceClosed();
		sendCapture(newId("closed"), "after close");

		await().during(quietPeriod()).atMost(quietPeriod().plusSeconds(5)).until(() -> this.sink.violations() == 0);
		assertThatIllegalStateException().isThrownBy(() -> this.source.start(this.sink));
	}

	@Test
	void capturesABurstOfItemsEachExactlyOnceAlsoWithRepeatsInsideIt() throws Exception {
		String run = newId("b");
		int n = burstSize();
		start();
		for (int i = 0; i < n; i++) {
			sendCapture(run + "-" + i, "burst item " + i);
			if (i % 10 == 9) {
				sendAgain(run + "-" + (i - 5), "burst item " + (i - 5));
			}
		}

		await().atMost(timeout()).until(() -> burstTasks(run) == n);
		String marker = newId("marker");
		sendCapture(marker, "after the burst");
		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), marker).isPresent());
		assertThat(burstTasks(run)).as("every item of the burst once, repeats included").isEqualTo(n);
		for (int i = 0; i < n; i++) {
			assertThat(this.sink.task(sourceSystem(), run + "-" + i)).as("item %d", i)
				.hasValueSatisfying(task -> assertThat(task.state()).isEqualTo(State.OPEN));
		}
	}

	@Test
	void losesNothingOfABurstWhoseFirstDeliveryFailedRetryably() throws Exception {
		String run = newId("b");
		int n = burstSize();
		this.sink.failNextCallWith(RecordingSink.firstAttemptFails());
		start();
		for (int i = 0; i < n; i++) {
			sendCapture(run + "-" + i, "burst item " + i);
		}

		await().atMost(timeout()).until(() -> burstTasks(run) == n);
		assertThat(this.sink.log()).anyMatch(entry -> entry.endsWith("failed: contract: first attempt fails"));
	}

	@Test
	void givesUpOnAnItemThePlatformRejectsWithinABurstAndCapturesTheOthers() throws Exception {
		String run = newId("b");
		int n = burstSize();
		String poison = run + "-p";
		this.sink.rejectCapturesOf(poison, "type: unknown work type");
		start();
		for (int i = 0; i < n; i++) {
			sendCapture(run + "-" + i, "burst item " + i);
			if (i == n / 2) {
				sendCapture(poison, "rejected");
			}
		}

		await().atMost(timeout()).until(() -> burstTasks(run) == n);
		await().atMost(timeout()).until(() -> this.sink.rejectionsOf(poison) >= 1);
		String marker = newId("marker");
		sendCapture(marker, "after the burst");
		await().atMost(timeout()).until(() -> this.sink.task(sourceSystem(), marker).isPresent());
		assertThat(this.sink.task(sourceSystem(), poison)).isEmpty();
		assertThat(this.sink.rejectionsOf(poison)).as("rejected input is not retried").isEqualTo(1);
		await().atMost(timeout()).untilAsserted(() -> assertThat(this.source.health().failedCount()).isPositive());
	}

	private long burstTasks(String run) {
		return this.sink.tasks()
			.stream()
			.filter(task -> task.item().sourceSystem().equals(sourceSystem())
					&& task.item().externalId().startsWith(run + "-") && !task.item().externalId().equals(run + "-p"))
			.count();
	}

	@Test
	void countsCapturedItemsInItsHealth() throws Exception {
		String id = newId("count");
		start();
		sendCapture(id, "counted");

		await().atMost(timeout()).untilAsserted(() -> {
			ConnectorHealth health = this.source.health();
			assertThat(health.capturedCount()).isPositive();
			assertThat(health.status()).isIn(ConnectorHealth.Status.UP);
		});
		this.source.close();
		assertThat(this.source.health().status()).isNotEqualTo(ConnectorHealth.Status.UP);
	}

}
