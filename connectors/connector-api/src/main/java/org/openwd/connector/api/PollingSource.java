package org.openwd.connector.api;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link ConnectorSource} that polls its upstream (a table, a directory, a spool file, a remote API) from one thread
 * of its own. This class keeps the lifecycle of the {@link ConnectorSource} contract and the health counters; a
 * subclass says how to poll once ({@link #poll}) and what a failed poll means ({@link #failedPoll}).
 *
 * <ul>
 * <li>{@code start} runs {@link #prepare()} on the caller's thread, then starts the poller thread, which polls at once
 * and then after the wait each poll returns;</li>
 * <li>{@code close} wakes the poller, waits for the poll in progress and returns; a long poll should look at
 * {@link #closing()} between items and return early;</li>
 * <li>{@code health()} is {@code UP} while the source runs and its last poll did not mark it {@link #down() down}.</li>
 * </ul>
 * The subclass acknowledges upstream only after the sink call returned, as {@link ConnectorSource} asks.
 */
public abstract class PollingSource implements ConnectorSource {

	private final String name;

	private final String threadName;

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private final Object wakeUp = new Object();

	private volatile Instant lastActivity;

	private volatile Duration lag;

	private volatile boolean used;

	private volatile boolean running;

	private volatile boolean closed;

	private volatile boolean healthy = true;

	private Thread worker;

	/**
	 * @param name the source's name ({@link #name()})
	 * @param threadName the name of the poller thread, e.g. {@code "openwd-jdbc-crm-cases"}
	 */
	protected PollingSource(String name, String threadName) {
		this.name = Checks.required(name, "name");
		this.threadName = Checks.required(threadName, "threadName");
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final synchronized void start(CaptureSink sink) {
		if (this.used) {
			throw new IllegalStateException(this.name + " was started or closed before");
		}
		this.used = true;
		prepare();
		this.running = true;
		this.healthy = true;
		this.worker = new Thread(() -> loop(sink), this.threadName);
		this.worker.setDaemon(true);
		this.worker.start();
	}

	/**
	 * Runs in {@code start}, before the first poll, on the caller's thread: read a stored position, create
	 * directories. Throwing fails {@code start}; the source does not poll.
	 */
	protected void prepare() {
	}

	/**
	 * Polls the upstream once and delivers what it found.
	 * @param sink where to deliver
	 * @return how long to wait before the next poll; {@link Duration#ZERO} polls again at once (e.g. after a full
	 * batch)
	 * @throws Exception any failure; {@link #failedPoll} decides what it means
	 */
	protected abstract Duration poll(CaptureSink sink) throws Exception;

	/**
	 * Records a poll that threw, typically with {@link #recordError} and, when the upstream is unreachable,
	 * {@link #down()}.
	 * @param failure what the poll threw
	 * @return how long to wait before the next poll
	 */
	protected abstract Duration failedPoll(Exception failure);

	private void loop(CaptureSink sink) {
		while (!this.closed) {
			Duration wait;
			try {
				wait = poll(sink);
				this.healthy = true;
			}
			catch (Exception ex) {
				wait = failedPoll(ex);
			}
			if (wait.isZero()) {
				continue;
			}
			synchronized (this.wakeUp) {
				if (this.closed) {
					return;
				}
				try {
					this.wakeUp.wait(Math.max(1, wait.toMillis()));
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/** Whether {@code close} was called: a poll in progress returns at the next item. */
	protected final boolean closing() {
		return this.closed;
	}

	/** Counts an input delivered (a sink call that returned normally). */
	protected final void countCaptured() {
		this.captured.incrementAndGet();
	}

	/** Counts an input that could not be delivered (malformed, rejected, failed for good). */
	protected final void countFailed() {
		this.failed.incrementAndGet();
	}

	/** The most recent error, in a sentence an operator can act on. */
	protected final void recordError(String error) {
		this.lastError.set(error);
	}

	/** Marks the source {@code DOWN} until a poll succeeds again. */
	protected final void down() {
		this.healthy = false;
	}

	/** When the source last read from or wrote to its upstream. */
	protected final void recordActivity(Instant at) {
		this.lastActivity = at;
	}

	/** How far the source is behind its upstream; {@code null} when unknown. */
	protected final void recordLag(Duration lag) {
		this.lag = lag;
	}

	/** Stops polling: waits for the poll in progress, then returns; no sink call afterwards. */
	@Override
	public void close() {
		Thread thread;
		synchronized (this) {
			this.used = true;
			this.closed = true;
			this.running = false;
			thread = this.worker;
		}
		synchronized (this.wakeUp) {
			this.wakeUp.notifyAll();
		}
		if (thread != null && thread != Thread.currentThread()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public ConnectorHealth health() {
		ConnectorHealth.Status status = this.running && this.healthy ? ConnectorHealth.Status.UP
				: ConnectorHealth.Status.DOWN;
		return new ConnectorHealth(status, this.captured.get(), this.failed.get(), this.lastError.get(), this.lastActivity,
				this.lag);
	}

}
