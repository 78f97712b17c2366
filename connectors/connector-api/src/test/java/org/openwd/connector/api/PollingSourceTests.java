package org.openwd.connector.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class PollingSourceTests {

	/** Each poll takes its outcome from this queue (a wait to return, or an exception to throw), blocking until one comes. */
	private final BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(16);

	private final AtomicInteger polls = new AtomicInteger();

	private final BlockingQueue<Integer> polled = new ArrayBlockingQueue<>(16);

	private final Scripted source = new Scripted();

	/** The scripted polls deliver nothing. */
	private static final CaptureSink NO_SINK = null;

	@AfterEach
	void close() {
		this.outcomes.offer(Duration.ofHours(1));
		this.source.close();
	}

	@Test
	void pollsAtOnceAfterAZeroWaitAndStaysWaitingOtherwise() throws Exception {
		this.outcomes.addAll(List.of(Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));
		this.source.start(NO_SINK);

		assertThat(nextPoll()).isEqualTo(1);
		assertThat(nextPoll()).isEqualTo(2);
		assertThat(nextPoll()).isEqualTo(3);
		assertThat(this.polled.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void closeWakesAWaitingPollerAndItPollsNoMore() throws Exception {
		this.outcomes.add(Duration.ofHours(1));
		this.source.start(NO_SINK);
		nextPoll();

		this.source.close();

		assertThat(this.source.health().status()).isEqualTo(ConnectorHealth.Status.DOWN);
		assertThat(this.polls).hasValue(1);
	}

	@Test
	void closeWaitsForThePollInProgress() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		this.source.start(NO_SINK);
		nextPoll();
		Thread closer = new Thread(() -> {
			this.source.close();
			closed.countDown();
		});
		closer.start();

		assertThat(closed.await(200, TimeUnit.MILLISECONDS)).as("close returned while a poll was running").isFalse();
		this.outcomes.add(Duration.ofHours(1));
		assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.source.closingSeenByPoll).isTrue();
	}

	@Test
	void aFailedPollIsRecordedAndTheSourceIsDownUntilAPollSucceeds() throws Exception {
		this.outcomes.add(new IllegalStateException("upstream unreachable"));
		this.source.start(NO_SINK);
		nextPoll();
		awaitStatus(ConnectorHealth.Status.DOWN);
		assertThat(this.source.health().lastError()).isEqualTo("upstream unreachable");

		this.outcomes.add(Duration.ofHours(1));
		nextPoll();
		awaitStatus(ConnectorHealth.Status.UP);
		assertThat(this.source.health().lastError()).isEqualTo("upstream unreachable");
	}

	@Test
	void startsOnceOnly() {
		this.outcomes.add(Duration.ofHours(1));
		this.source.start(NO_SINK);

		assertThatIllegalStateException().isThrownBy(() -> this.source.start(NO_SINK)).withMessageContaining("scripted");
	}

	@Test
	void cannotStartAfterCloseAndCloseBeforeStartDoesNothing() {
		this.source.close();
		this.source.close();

		assertThatIllegalStateException().isThrownBy(() -> this.source.start(NO_SINK));
		assertThat(this.polls).hasValue(0);
	}

	@Test
	void aPrepareThatFailsLeavesTheSourceNotPolling() {
		Scripted failing = new Scripted() {
			@Override
			protected void prepare() {
				throw new IllegalStateException("cannot create the directory");
			}
		};

		assertThatIllegalStateException().isThrownBy(() -> failing.start(NO_SINK)).withMessage("cannot create the directory");
		assertThat(failing.health().status()).isEqualTo(ConnectorHealth.Status.DOWN);
		failing.close();
		assertThat(this.polls).hasValue(0);
	}

	@Test
	void closeFromThePollerThreadDoesNotWaitForItself() throws Exception {
		Scripted selfClosing = new Scripted() {
			@Override
			protected Duration poll(CaptureSink sink) throws Exception {
				super.poll(sink);
				close();
				return Duration.ZERO;
			}
		};
		this.outcomes.add(Duration.ZERO);
		selfClosing.start(NO_SINK);

		assertThat(nextPoll()).isEqualTo(1);
		assertThat(this.polled.poll(200, TimeUnit.MILLISECONDS)).isNull();
		assertThat(selfClosing.health().status()).isEqualTo(ConnectorHealth.Status.DOWN);
	}

	private int nextPoll() throws InterruptedException {
		Integer n = this.polled.poll(10, TimeUnit.SECONDS);
		assertThat(n).as("a poll within 10 s").isNotNull();
		return n;
	}

	private void awaitStatus(ConnectorHealth.Status status) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.source.health().status() == status);
	}

	private class Scripted extends PollingSource {

		volatile boolean closingSeenByPoll;

		Scripted() {
			super("scripted", "test-poller");
		}

		@Override
		protected Duration poll(CaptureSink sink) throws Exception {
			PollingSourceTests.this.polled.add(PollingSourceTests.this.polls.incrementAndGet());
			Object outcome = PollingSourceTests.this.outcomes.take();
			this.closingSeenByPoll = closing();
			if (outcome instanceof Exception ex) {
				throw ex;
			}
			return (Duration) outcome;
		}

		@Override
		protected Duration failedPoll(Exception failure) {
			recordError(failure.getMessage());
			down();
			return Duration.ZERO;
		}

	}

}
