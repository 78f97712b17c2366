package org.openwd.connector.api.example;

import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory stand-in for a message broker queue with manual acknowledgement: a polled
 * message stays "in flight" until it is acked, requeued or dead-lettered.
 */
final class CrmQueue {

	record Message(String id, String body) {
	}

	private final Deque<Message> ready = new ArrayDeque<>();

	private final List<String> inFlight = new ArrayList<>();

	private final List<String> acked = new ArrayList<>();

	private final List<String> deadLettered = new ArrayList<>();

	synchronized void publish(String id, String body) {
		this.ready.addLast(new Message(id, body));
		notifyAll();
	}

	synchronized Message poll(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.ready.isEmpty()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		Message message = this.ready.removeFirst();
		this.inFlight.add(message.id());
		return message;
	}

	synchronized void ack(Message message) {
		settle(message, this.acked);
	}

	synchronized void requeue(Message message) {
		this.inFlight.remove(message.id());
		this.ready.addLast(message);
		notifyAll();
	}

	synchronized void deadLetter(Message message, String reason) {
		settle(message, this.deadLettered);
	}

	private void settle(Message message, List<String> into) {
		if (!this.inFlight.remove(message.id())) {
			throw new IllegalStateException(message.id() + " is not in flight");
		}
		into.add(message.id());
		notifyAll();
	}

	synchronized boolean isAcked(String id) {
		return this.acked.contains(id);
	}

	synchronized List<String> acked() {
		return List.copyOf(this.acked);
	}

	synchronized List<String> deadLettered() {
		return List.copyOf(this.deadLettered);
	}

	synchronized int waiting() {
		return this.ready.size();
	}

	/** Waits until this many messages were acked or dead-lettered in total. */
	synchronized void awaitSettled(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.acked.size() + this.deadLettered.size() < count) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("only " + this.acked + " acked and " + this.deadLettered
						+ " dead-lettered, expected " + count + " settled messages");
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
	}

}
