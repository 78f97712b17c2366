package org.openwd.connector.api.example;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CaptureException;
import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.MalformedInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The README's example source behaves as the SPI's Javadoc asks a source to behave. */
class CrmQueueSourceTests {

	private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

	private final CrmQueue queue = new CrmQueue();

	private final RecordingSink sink = new RecordingSink();

	private final CrmQueueSource source = new CrmQueueSource(this.queue, Clock.fixed(NOW, ZoneOffset.UTC));

	@AfterEach
	void closeSource() {
		this.source.close();
	}

	@Test
	void acknowledgesAMessageOnlyAfterTheSinkCommittedIt() throws InterruptedException {
		List<Boolean> ackedDuringCapture = new ArrayList<>();
		this.sink.onCapture((item) -> ackedDuringCapture.add(this.queue.isAcked("m1")));
		this.queue.publish("m1", "CASE-1;Invoice disputed;2025-03-03T17:00:00Z");

		this.source.start(this.sink);
		this.queue.awaitSettled(1);

		assertThat(ackedDuringCapture).containsExactly(false);
		assertThat(this.queue.acked()).containsExactly("m1");
		assertThat(this.sink.tasks()).containsExactly(CapturedItem.builder("crm", "CASE-1")
			.title("Invoice disputed")
			.dueTime(Instant.parse("2025-03-03T17:00:00Z"))
			.build());
	}

	@Test
	void deliversAMessageAgainAfterARetryableFailure() throws InterruptedException {
		this.sink.failNextCallWith(CaptureException.temporaryFailure("database unavailable", null));
		this.queue.publish("m1", "CASE-1;Invoice disputed;");

		this.source.start(this.sink);
		this.queue.awaitSettled(1);

		assertThat(this.sink.calls()).isEqualTo(2);
		assertThat(this.queue.acked()).containsExactly("m1");
		assertThat(this.queue.deadLettered()).isEmpty();
		assertThat(this.sink.tasks()).extracting(CapturedItem::externalId).containsExactly("CASE-1");
		assertThat(this.source.health().lastError()).isEqualTo("database unavailable");
	}

	@Test
	void deadLettersAMessageThePlatformRejects() throws InterruptedException {
		this.sink.failNextCallWith(CaptureException.rejected("type: unknown work type"));
		this.queue.publish("m1", "CASE-1;Invoice disputed;");
		this.queue.publish("m2", "CASE-2;Address change;");

		this.source.start(this.sink);
		this.queue.awaitSettled(2);

		assertThat(this.queue.deadLettered()).containsExactly("m1");
		assertThat(this.queue.acked()).containsExactly("m2");
		assertThat(this.source.health()).extracting(ConnectorHealth::capturedCount, ConnectorHealth::failedCount)
			.containsExactly(1L, 1L);
	}

	@Test
	void reportsUnmappableInputAsMalformedAndMovesOn() throws InterruptedException {
		this.queue.publish("m1", "CASE-1;no due field");
		this.queue.publish("m2", " ;blank id;");

		this.source.start(this.sink);
		this.queue.awaitSettled(2);

		assertThat(this.sink.malformed()).containsExactly(
				new MalformedInput("crm", "message m1", "expected externalId;title;due but got 2 fields",
						"CASE-1;no due field"),
				new MalformedInput("crm", "message m2", "externalId is required and must not be blank", " ;blank id;"));
		assertThat(this.queue.acked()).containsExactly("m1", "m2");
		assertThat(this.sink.tasks()).isEmpty();
		assertThat(this.source.health().lastActivity()).isEqualTo(NOW);
	}

	@Test
	void makesNoSinkCallsAfterCloseReturned() throws InterruptedException {
		this.queue.publish("m1", "CASE-1;Invoice disputed;");
		this.source.start(this.sink);
		this.queue.awaitSettled(1);

		this.source.close();
		this.queue.publish("m2", "CASE-2;Address change;");

		assertThat(this.sink.calls()).isEqualTo(1);
		assertThat(this.queue.waiting()).isEqualTo(1);
		assertThat(this.source.health().status()).isEqualTo(ConnectorHealth.Status.DOWN);
	}

	@Test
	void isNeverStartedTwiceNorRestarted() {
		this.source.start(this.sink);
		assertThatIllegalStateException().isThrownBy(() -> this.source.start(this.sink));

		CrmQueueSource closed = new CrmQueueSource(this.queue, Clock.systemUTC());
		closed.close();
		assertThatIllegalStateException().isThrownBy(() -> closed.start(this.sink));
	}

}
