package org.openwd.inbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/** A task scheduler whose time only moves when a test says so; due tasks run on the test's thread. */
final class ManualScheduler implements TaskScheduler {

	private Instant now = Instant.parse("2026-03-02T08:00:00Z");

	private final List<Job> jobs = new ArrayList<>();

	/** Also run cancelled jobs when due: a timer that had already started when it was cancelled. */
	boolean cancelTooLate;

	final class Job implements ScheduledFuture<Object> {

		final Runnable task;

		final Instant due;

		boolean cancelled;

		boolean done;

		Job(Runnable task, Instant due) {
			this.task = task;
			this.due = due;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			cancelled = true;
			return !done;
		}

		@Override
		public boolean isCancelled() {
			return cancelled;
		}

		@Override
		public boolean isDone() {
			return done || cancelled;
		}

		@Override
		public Object get() {
			return null;
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			return null;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(now, due));
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

	/** Moves time on, running every job that falls due on the way, in order. */
	void advance(Duration duration) {
		Instant until = now.plus(duration);
		while (true) {
			Job next = jobs.stream()
				.filter(job -> !job.done && (!job.cancelled || cancelTooLate) && !job.due.isAfter(until))
				.min(Comparator.comparing(job -> job.due))
				.orElse(null);
			if (next == null) {
				break;
			}
			now = next.due;
			next.done = true;
			next.task.run();
		}
		now = until;
	}

	/** Jobs neither run nor cancelled. */
	long pending() {
		return jobs.stream().filter(job -> !job.done && !job.cancelled).count();
	}

	@Override
	public Clock getClock() {
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now;
			}

		};
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		Job job = new Job(task, startTime);
		jobs.add(job);
		return job;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

}
