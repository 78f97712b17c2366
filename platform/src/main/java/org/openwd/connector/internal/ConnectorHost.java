package org.openwd.connector.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;
import org.openwd.task.SourceTaskChanges;
import org.openwd.task.TaskCapture;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the configured connector instances: creates each source through its type's {@link SourceFactory}, hands it a
 * {@link PlatformCaptureSink}, and closes it on shutdown. Pausing closes the running source; resuming starts a new
 * instance (the SPI's lifecycle never restarts a source). Reports health and Micrometer meters per connector.
 */
public class ConnectorHost implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConnectorHost.class);

	/** What operators see of one connector. */
	public record Status(String name, String type, String sourceSystem, boolean enabled, boolean paused,
			String writeBack, ConnectorHealth health, long malformedReported) {
	}

	final class Hosted {

		final String name;

		final ConnectorProperties.Instance instance;

		final SourceFactory factory;

		final AtomicLong malformed = new AtomicLong();

		volatile ConnectorSource source;

		volatile PlatformCaptureSink sink;

		volatile boolean paused;

		volatile String startError;

		volatile ConnectorHealth lastHealth = ConnectorHealth.unknown();

		Hosted(String name, ConnectorProperties.Instance instance, SourceFactory factory) {
			this.name = name;
			this.instance = instance;
			this.factory = factory;
		}

		synchronized void launch() {
			ConnectorSource created = this.factory.createSource(this.name, this.instance);
			PlatformCaptureSink platformSink = new PlatformCaptureSink(this.name, ConnectorHost.this.capture,
					ConnectorHost.this.changes, ConnectorHost.this.malformedStore, ConnectorHost.this.clock,
					this.malformed::incrementAndGet);
			this.source = created;
			this.sink = platformSink;
			try {
				created.start(platformSink);
				this.startError = null;
				log.info("Connector {} ({}) started", this.name, this.instance.type());
			}
			catch (RuntimeException ex) {
				this.startError = "did not start: " + ex.getMessage();
				log.warn("Connector {} did not start: {}", this.name, ex.getMessage());
				close();
			}
		}

		synchronized void close() {
			ConnectorSource running = this.source;
			if (running != null) {
				running.close();
				this.lastHealth = running.health();
				this.sink.close();
			}
		}

		ConnectorHealth health() {
			ConnectorSource running = this.source;
			ConnectorHealth health = running == null ? this.lastHealth : running.health();
			String error = this.startError != null ? this.startError : health.lastError();
			ConnectorHealth.Status status = !this.instance.enabled() || this.paused ? ConnectorHealth.Status.PAUSED
					: this.startError != null ? ConnectorHealth.Status.DOWN : health.status();
			return new ConnectorHealth(status, health.capturedCount(), health.failedCount(), error, health.lastActivity(),
					health.lag());
		}

	}

	private final Map<String, Hosted> hosted = new LinkedHashMap<>();

	private final Map<String, WriteBack> writeBacks = new LinkedHashMap<>();

	private final TaskCapture capture;

	private final SourceTaskChanges changes;

	private final MalformedInputStore malformedStore;

	private final Clock clock;

	private volatile boolean running;

	ConnectorHost(ConnectorProperties properties, List<SourceFactory> factories, TaskCapture capture,
			SourceTaskChanges changes, MalformedInputStore malformedStore, Clock clock, MeterRegistry meters) {
		this.capture = capture;
		this.changes = changes;
		this.malformedStore = malformedStore;
		this.clock = clock;
		Map<String, SourceFactory> byType = factories.stream()
			.collect(Collectors.toMap(SourceFactory::type, Function.identity()));
		properties.instances().forEach((name, instance) -> {
			SourceFactory factory = byType.get(instance.type());
			if (factory == null) {
				throw new IllegalArgumentException("openwd.connectors.instances." + name + ".type must be one of "
						+ byType.keySet() + " but is " + instance.type());
			}
			this.hosted.put(name, new Hosted(name, instance, factory));
			if (instance.writeBack() != null && instance.writeBack().type() != null) {
				SourceFactory target = byType.get(instance.writeBack().type());
				if (target == null) {
					throw new IllegalArgumentException("openwd.connectors.instances." + name + ".write-back.type must be one of "
							+ byType.keySet() + " but is " + instance.writeBack().type());
				}
				this.writeBacks.put(name, target.createWriteBack(name, instance));
			}
			register(meters, name, instance.type());
		});
	}

	private void register(MeterRegistry meters, String name, String type) {
		FunctionCounter.builder("openwd.connector.captured", this, host -> host.healthOf(name).capturedCount())
			.tag("connector", name)
			.tag("type", type)
			.description("Inputs the connector delivered into the task list")
			.register(meters);
		FunctionCounter.builder("openwd.connector.failed", this, host -> host.healthOf(name).failedCount())
			.tag("connector", name)
			.tag("type", type)
			.description("Inputs the connector could not deliver (malformed, rejected)")
			.register(meters);
		TimeGauge.builder("openwd.connector.lag", this, TimeUnit.MILLISECONDS, host -> {
			java.time.Duration lag = host.healthOf(name).lag();
			return lag == null ? 0 : lag.toMillis();
		}).tag("connector", name).tag("type", type).description("How far the connector is behind its upstream").register(meters);
		Gauge.builder("openwd.connector.up", this, host -> host.healthOf(name).status() == ConnectorHealth.Status.UP ? 1 : 0)
			.tag("connector", name)
			.tag("type", type)
			.register(meters);
	}

	private ConnectorHealth healthOf(String name) {
		Hosted connector = this.hosted.get(name);
		return connector == null ? ConnectorHealth.unknown() : connector.health();
	}

	@Override
	public void start() {
		this.hosted.values().forEach(connector -> {
			if (connector.instance.enabled()) {
				connector.launch();
			}
		});
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		new ArrayList<>(this.hosted.values()).forEach(Hosted::close);
		log.info("Connectors stopped");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the web server and the AMQP listeners, starts after them. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

	public List<Status> list() {
		return this.hosted.values().stream().map(this::status).toList();
	}

	public Optional<Status> find(String name) {
		return Optional.ofNullable(this.hosted.get(name)).map(this::status);
	}

	private Status status(Hosted connector) {
		ConnectorProperties.WriteBackSettings writeBack = connector.instance.writeBack();
		return new Status(connector.name, connector.instance.type(), connector.instance.sourceSystemOr(connector.name),
				connector.instance.enabled(), connector.paused,
				writeBack == null || writeBack.type() == null ? null : writeBack.type(), connector.health(),
				connector.malformed.get());
	}

	/** Stops delivery of a connector until {@link #resume}; returns false when there is no such connector. */
	public synchronized boolean pause(String name) {
		Hosted connector = this.hosted.get(name);
		if (connector == null) {
			return false;
		}
		if (!connector.paused) {
			connector.paused = true;
			connector.close();
			log.info("Connector {} paused", name);
		}
		return true;
	}

	public synchronized boolean resume(String name) {
		Hosted connector = this.hosted.get(name);
		if (connector == null) {
			return false;
		}
		if (connector.paused) {
			connector.paused = false;
			if (connector.instance.enabled() && this.running) {
				connector.launch();
			}
			log.info("Connector {} resumed", name);
		}
		return true;
	}

	/** The running source of a connector, e.g. for the webhook endpoint; empty when unknown, paused or disabled. */
	public Optional<ConnectorSource> runningSource(String name) {
		Hosted connector = this.hosted.get(name);
		if (connector == null || connector.paused || !connector.instance.enabled() || connector.startError != null) {
			return Optional.empty();
		}
		return Optional.ofNullable(connector.source);
	}

	public Optional<String> typeOf(String name) {
		return Optional.ofNullable(this.hosted.get(name)).map(connector -> connector.instance.type());
	}

	/** The write-back of a connector, if it has one. */
	public Optional<WriteBack> writeBack(String name) {
		return Optional.ofNullable(this.writeBacks.get(name));
	}

	/** Connectors with a write-back for this source system that subscribe to this event. */
	public List<String> subscribers(String sourceSystem, String event) {
		List<String> names = new ArrayList<>();
		this.hosted.forEach((name, connector) -> {
			ConnectorProperties.WriteBackSettings writeBack = connector.instance.writeBack();
			if (this.writeBacks.containsKey(name) && connector.instance.sourceSystemOr(name).equals(sourceSystem)
					&& writeBack.events().contains(event)) {
				names.add(name);
			}
		});
		return names;
	}

	void closeWriteBacks() {
		this.writeBacks.values().forEach(WriteBack::close);
	}

}
