package org.openwd.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import org.HdrHistogram.Histogram;
import org.openwd.bench.Results;

/**
 * W1 over AMQP: a source system publishes persistent work items to the queue an OpenWD AMQP connector consumes (see
 * {@link PlatformProcess#AMQP_CONNECTOR}); measured are the publish rate (publisher confirms in windows, as a real
 * source would) and the capture rate (first publish until the server holds all of them), plus the end-to-end latency of
 * sampled items (publish -> the task's {@code capturedAt}). Then a few items are published again: the count must not
 * change (deduplication by external id).
 */
public final class AmqpCapture {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Http http;

	private final String amqpUri;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	public AmqpCapture(String url, String amqpUri) {
		this.http = new Http(url);
		this.amqpUri = amqpUri;
	}

	public LoadGenerator.Verdict run(String type, int tasks, int confirmWindow, int timeoutSeconds, Results results)
			throws Exception {
		List<String> errors = new ArrayList<>();
		long before = count();
		int sampleEvery = Math.max(1, tasks / 100);
		Map<Integer, Long> sentAt = new LinkedHashMap<>();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(amqpUri);
		String w = "W1 capture AMQP";
		long t0;
		double publishSeconds;
		try (Connection connection = factory.newConnection("openwd-bench"); Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			t0 = System.nanoTime();
			for (int i = 0; i < tasks; i++) {
				if (i % sampleEvery == 0) {
					sentAt.put(i, System.currentTimeMillis());
				}
				publish(channel, type, i);
				if ((i + 1) % confirmWindow == 0) {
					channel.waitForConfirmsOrDie(60_000);
				}
			}
			channel.waitForConfirmsOrDie(60_000);
			publishSeconds = (System.nanoTime() - t0) / 1e9;
			results.add(w, "publish rate (persistent, confirms every " + confirmWindow + ")", tasks / publishSeconds, "1/s",
					tasks + " messages in " + round(publishSeconds) + " s");
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
			long stored;
			while ((stored = count() - before) < tasks && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(100);
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			results.add(w, "capture throughput (first publish -> all stored)", stored / seconds, "1/s",
					stored + " of " + tasks + " tasks in " + round(seconds) + " s");
			if (stored < tasks) {
				errors.add((tasks - stored) + " AMQP items not captured within " + timeoutSeconds + " s");
			}
			Histogram latency = Results.histogram();
			for (Map.Entry<Integer, Long> sample : sentAt.entrySet()) {
				JsonNode items = http.get("supervisor", "/api/v1/tasks?sourceSystem=" + PlatformProcess.AMQP_SOURCE + "&q="
						+ key(sample.getKey()) + ".&size=1").expect(200).body().path("items");
				if (items.size() == 1) {
					long captured = Instant.parse(items.get(0).path("capturedAt").asText()).toEpochMilli();
					latency.recordValue(Math.max(0, captured - sample.getValue()) * 1_000_000L);
				}
			}
			results.latency(w, "publish -> captured (sampled)", latency, TimeUnit.MILLISECONDS);
			int repeats = Math.min(20, tasks);
			for (int i = 0; i < repeats; i++) {
				publish(channel, type, i);
			}
			channel.waitForConfirmsOrDie(60_000);
		}
		// the repeats are behind every first delivery in the same queue: once a marker published after them is in,
		// they have been consumed too
		int duplicates = 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		long after = count() - before;
		try (Connection connection = factory.newConnection("openwd-bench-marker");
				Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			publish(channel, type, tasks);
			channel.waitForConfirmsOrDie(60_000);
			while ((after = count() - before) < tasks + 1 && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(100);
			}
		}
		if (after > tasks + 1) {
			duplicates = (int) (after - tasks - 1);
			errors.add(duplicates + " AMQP repeats became new tasks");
		}
		int lost = (int) Math.max(0, tasks + 1 - after);
		return new LoadGenerator.Verdict((int) Math.min(after, tasks), 0, lost, duplicates, 0, errors);
	}

	private final String backlogRun = run + "-backlog";

	private long backlogBefore;

	/**
	 * W1 over AMQP from a backlog, first half: pauses the connector and publishes {@code tasks} items, so that the
	 * queue holds them all before a consumer runs. Then {@link #drainBacklog} measures how fast the connector captures
	 * a full queue: the rate the platform can take, which the publisher cannot limit (in the first workload the
	 * capture can be no faster than the publish).
	 */
	public void publishBacklog(String type, int tasks, int confirmWindow) throws Exception {
		http.post("admin", "/api/v1/connectors/" + PlatformProcess.AMQP_CONNECTOR + "/pause", "").expect(200);
		backlogBefore = count();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(amqpUri);
		try (Connection connection = factory.newConnection("openwd-bench-backlog"); Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			for (int i = 0; i < tasks; i++) {
				publish(channel, type, backlogRun, i);
				if ((i + 1) % confirmWindow == 0) {
					channel.waitForConfirmsOrDie(60_000);
				}
			}
			channel.waitForConfirmsOrDie(60_000);
		}
	}

	/** W1 over AMQP from a backlog, second half: resumes the connector and waits until every item is a task. */
	public LoadGenerator.Verdict drainBacklog(int tasks, int timeoutSeconds, Results results) throws Exception {
		String w = "W1 capture AMQP backlog";
		long t0 = System.nanoTime();
		http.post("admin", "/api/v1/connectors/" + PlatformProcess.AMQP_CONNECTOR + "/resume", "").expect(200);
		long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		long stored;
		while ((stored = count() - backlogBefore) < tasks && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(50);
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		results.add(w, "capture throughput (connector resumed on a full queue -> all stored)", stored / seconds, "1/s",
				stored + " of " + tasks + " tasks in " + round(seconds) + " s");
		List<String> errors = new ArrayList<>();
		if (stored < tasks) {
			errors.add((tasks - stored) + " AMQP backlog items not captured within " + timeoutSeconds + " s");
		}
		int duplicates = (int) Math.max(0, stored - tasks);
		if (duplicates > 0) {
			errors.add(duplicates + " AMQP backlog items became two tasks");
		}
		return new LoadGenerator.Verdict((int) Math.min(stored, tasks), 0, (int) Math.max(0, tasks - stored), duplicates,
				0, errors);
	}

	private void publish(Channel channel, String type, int i) throws Exception {
		publish(channel, type, run, i);
	}

	private void publish(Channel channel, String type, String prefix, int i) throws Exception {
		Map<String, Object> item = new LinkedHashMap<>();
		String key = "amqp-" + prefix + "-" + i;
		item.put("externalId", key);
		item.put("type", type);
		item.put("title", "AMQP bench item " + key + ".");
		item.put("customerId", "C-" + (i & 1023));
		item.put("businessValue", i % 100);
		AMQP.BasicProperties props = MessageProperties.PERSISTENT_BASIC.builder().contentType("application/json")
			.messageId(key).build();
		channel.basicPublish("", PlatformProcess.AMQP_QUEUE, props, JSON.writeValueAsString(item).getBytes(StandardCharsets.UTF_8));
	}

	private String key(int i) {
		return "amqp-" + run + "-" + i;
	}

	private long count() {
		return http.get("supervisor", "/api/v1/tasks?sourceSystem=" + PlatformProcess.AMQP_SOURCE + "&size=1").expect(200).body()
			.path("totalElements").asLong();
	}

	private static double round(double seconds) {
		return Math.round(seconds * 10) / 10.0;
	}

}
