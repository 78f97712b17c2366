package org.openwd.messaging.internal.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.model.port.AmqpPort;
import org.apache.qpid.server.virtualhost.AbstractVirtualHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker running inside this JVM (Apache Qpid Broker-J), so that the same Spring AMQP code that talks
 * to RabbitMQ in production runs with no install.
 *
 * <p>The broker listens on 127.0.0.1 only, authenticates one user (SASL PLAIN, allowed without TLS since
 * nothing leaves the machine), and serves one virtual host
 * that clients reach under the names {@code /}, {@code default} or no name at all. With {@code durable} the virtual
 * host keeps durable queues, exchanges, bindings and persistent messages in an Apache Derby store under
 * {@code workDir/default/}, which needs {@code org.apache.qpid:qpid-broker-plugins-derby-store} on the class path;
 * otherwise everything lives in memory. The broker configuration itself (port, user) is not persisted: it is
 * rebuilt from {@value #DURABLE_CONFIGURATION} (or {@value #MEMORY_CONFIGURATION}) on every start, so a changed
 * password or port takes effect on restart.
 *
 * <p>Port 0 picks a free port; {@link #port()} returns the bound one. The owner must call {@link #stop()}: Qpid's own
 * JVM shutdown hook is removed so that an application can stop its AMQP clients before the broker goes away.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

	/** Class-path location of the broker's initial configuration with a durable (Derby) virtual host. */
	public static final String DURABLE_CONFIGURATION = "openwd/qpid/initial-config-durable.json";
	/** Class-path location of the broker's initial configuration with an in-memory virtual host. */
	public static final String MEMORY_CONFIGURATION = "openwd/qpid/initial-config-memory.json";
	/** Class-path location of the (empty) system properties Qpid would otherwise look up on its own. */
	public static final String SYSTEM_PROPERTIES = "openwd/qpid/system.properties";

	static final String DERBY_VIRTUAL_HOST_CLASS = "org.apache.qpid.server.virtualhost.derby.DerbyVirtualHostImpl";
	static final String DERBY_UTILS_CLASS = "org.apache.qpid.server.store.derby.DerbyUtils";
	static final String DERBY_STORE_ARTIFACT = "org.apache.qpid:qpid-broker-plugins-derby-store";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);
	private static final String AMQP_PORT_NAME = "AMQP";
	private static final String VIRTUAL_HOST_NODE_NAME = "default";
	private static final Duration STORE_DRAIN_TIMEOUT = Duration.ofSeconds(2);

	private final int requestedPort;
	private final String username;
	private final String password;
	private final Path workDir;
	private final boolean durable;

	private SystemLauncher launcher;
	private Broker<?> broker;
	private volatile int boundPort = -1;

	/**
	 * @param port     TCP port on 127.0.0.1, or 0 for a free one
	 * @param username the one user the broker accepts
	 * @param password that user's password
	 * @param workDir  the broker's working directory (created if missing); holds the durable store
	 * @param durable  keep durable queues and persistent messages across restarts (Derby store) instead of memory
	 */
	public EmbeddedAmqpBroker(int port, String username, String password, Path workDir, boolean durable) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
		}
		this.requestedPort = port;
		this.username = requireText(username, "username");
		this.password = requireText(password, "password");
		this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
		this.durable = durable;
	}

	/** Whether the durable (Derby) store plugin is on the class path. */
	public static boolean durableStoreAvailable() {
		try {
			Class.forName(DERBY_VIRTUAL_HOST_CLASS, false, EmbeddedAmqpBroker.class.getClassLoader());
			return true;
		} catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/**
	 * Starts the broker and returns once it accepts AMQP connections. Does nothing if it is already running.
	 *
	 * @throws IllegalStateException if the broker does not come up (port in use, store locked by another process...)
	 */
	public synchronized void start() {
		if (launcher != null) {
			return;
		}
		if (durable && !durableStoreAvailable()) {
			throw new IllegalStateException("The durable embedded AMQP broker needs " + DERBY_STORE_ARTIFACT
					+ " on the class path (or run it non-durable)");
		}
		if (durable) {
			routeDerbyLogToSlf4j();
		}
		try {
			Files.createDirectories(workDir);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create the embedded AMQP broker work directory " + workDir, e);
		}
		long started = System.nanoTime();
		ResolvingListener listener = new ResolvingListener();
		SystemLauncher candidate = new SystemLauncher(listener);
		try {
			candidate.startup(systemAttributes());
			if (listener.startupError != null) {
				throw listener.startupError;
			}
			Broker<?> broker = broker(listener.systemConfig);
			int port = checkActive(broker);
			removeQpidShutdownHook(broker);
			this.launcher = candidate;
			this.broker = broker;
			this.boundPort = port;
		} catch (Exception e) {
			shutdownQuietly(candidate);
			throw new IllegalStateException("The embedded AMQP broker did not start (port " + requestedPort
					+ ", work dir " + workDir + "): " + e.getMessage(), e);
		}
		log.info("Embedded AMQP broker listening on 127.0.0.1:{} ({} store in {}), started in {} ms", boundPort,
				durable ? "durable Derby" : "memory", workDir, (System.nanoTime() - started) / 1_000_000);
	}

	/** Stops the broker and frees its port. Does nothing if it is not running. */
	public synchronized void stop() {
		SystemLauncher running = launcher;
		if (running == null) {
			return;
		}
		int port = boundPort;
		awaitPendingStoreWork(broker);
		launcher = null;
		broker = null;
		boundPort = -1;
		running.shutdown();
		log.info("Embedded AMQP broker on port {} stopped", port);
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return launcher != null;
	}

	/** The port the broker listens on, on 127.0.0.1. */
	public int port() {
		int port = boundPort;
		if (port < 0) {
			throw new IllegalStateException("The embedded AMQP broker is not running");
		}
		return port;
	}

	public String host() {
		return "127.0.0.1";
	}

	public String username() {
		return username;
	}

	public String password() {
		return password;
	}

	public Path workDir() {
		return workDir;
	}

	public boolean durable() {
		return durable;
	}

	private Map<String, Object> systemAttributes() {
		// Durable: the "default" node keeps the virtual host's configuration (queues, exchanges, bindings) in a JSON
		// file and the virtual host keeps messages in Derby, both under workDir/default/. Memory: nothing touches the
		// disk, so several non-durable brokers may even share a work directory.
		URL initialConfiguration = resource(durable ? DURABLE_CONFIGURATION : MEMORY_CONFIGURATION);
		// Qpid's default ("classpath:system.properties") relies on a URL handler that the JDK looks up through the
		// system class loader, which in a Spring Boot fat jar does not see Qpid's classes: hand it a real URL.
		URL systemProperties = resource(SYSTEM_PROPERTIES);
		Map<String, String> context = new HashMap<>();
		context.put("qpid.work_dir", workDir.toString());
		context.put("qpid.amqp_port", Integer.toString(requestedPort));
		context.put("openwd.broker.username", username);
		context.put("openwd.broker.password", password);

		Map<String, Object> attributes = new HashMap<>();
		// "Memory": the broker-level configuration is not persisted; it is rebuilt from the initial configuration
		// at every start. The virtual host node below keeps its own (durable) store in the work directory.
		attributes.put("type", "Memory");
		attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfiguration.toExternalForm());
		attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toExternalForm());
		attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
		attributes.put("preferenceStoreAttributes", "{\"type\":\"Noop\"}");
		attributes.put("context", context);
		return attributes;
	}

	/**
	 * Without this Derby writes {@code derby.log} into the current directory. Qpid's helper routes it to the SLF4J
	 * logger {@code DERBY} (a JVM-wide system property, set only if nobody set one).
	 */
	private static void routeDerbyLogToSlf4j() {
		try {
			Class.forName(DERBY_UTILS_CLASS, true, EmbeddedAmqpBroker.class.getClassLoader())
					.getMethod("configureDerbyLogging")
					.invoke(null);
		} catch (ReflectiveOperationException | LinkageError e) {
			log.debug("Could not route Derby's log to SLF4J", e);
		}
	}

	private static URL resource(String name) {
		URL url = EmbeddedAmqpBroker.class.getClassLoader().getResource(name);
		if (url == null) {
			throw new IllegalStateException("Missing class-path resource " + name);
		}
		return url;
	}

	private static Broker<?> broker(SystemConfig<?> systemConfig) {
		if (systemConfig == null) {
			throw new IllegalStateException("Qpid did not resolve its system configuration");
		}
		Broker<?> broker = (Broker<?>) systemConfig.getContainer(Broker.class);
		if (broker == null) {
			throw new IllegalStateException("Qpid did not create a broker");
		}
		return broker;
	}

	private static int checkActive(Broker<?> broker) {
		if (broker.getState() != State.ACTIVE) {
			throw new IllegalStateException("broker is " + broker.getState());
		}
		Port<?> port = broker.getChildByName(Port.class, AMQP_PORT_NAME);
		if (!(port instanceof AmqpPort<?> amqpPort) || port.getState() != State.ACTIVE) {
			throw new IllegalStateException("AMQP port is " + (port == null ? "missing" : port.getState()));
		}
		VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, VIRTUAL_HOST_NODE_NAME);
		VirtualHost<?> host = node == null ? null : node.getVirtualHost();
		if (host == null || host.getState() != State.ACTIVE) {
			throw new IllegalStateException("virtual host is " + (host == null ? "missing" : host.getState()));
		}
		return amqpPort.getBoundPort();
	}

	/**
	 * Qpid registers a JVM shutdown hook that closes the broker, racing the application's own shutdown (its
	 * listeners would lose the broker before they stop). The owner stops the broker instead. Best effort.
	 */
	private static void removeQpidShutdownHook(Broker<?> broker) {
		try {
			if (field(broker, "_shutdownHook") instanceof Thread hook && !Runtime.getRuntime().removeShutdownHook(hook)) {
				log.debug("Qpid's shutdown hook was not registered");
			}
		} catch (ReflectiveOperationException | RuntimeException e) {
			log.debug("Could not remove Qpid's shutdown hook; the broker may stop before the application", e);
		}
	}

	/**
	 * Qpid's JDBC/Derby message store deletes consumed messages on a background executor but shuts the database down
	 * before draining that executor, so a stop right after an acknowledgement logs "Error removing messages" (harmless:
	 * orphaned message content is discarded on the next start). Give pending deletions a moment to finish first.
	 * Best effort, through Qpid internals.
	 */
	private static void awaitPendingStoreWork(Broker<?> broker) {
		try {
			VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, VIRTUAL_HOST_NODE_NAME);
			if (node == null || !(node.getVirtualHost() instanceof AbstractVirtualHost<?> host)) {
				return;
			}
			Object store = host.getMessageStore();
			if (store == null || !(field(store, "_executor") instanceof ThreadPoolExecutor executor)) {
				return;
			}
			long deadline = System.nanoTime() + STORE_DRAIN_TIMEOUT.toNanos();
			while ((executor.getActiveCount() > 0 || !executor.getQueue().isEmpty() || pendingDeletes(store))
					&& System.nanoTime() < deadline) {
				LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
			}
		} catch (ReflectiveOperationException | RuntimeException e) {
			log.debug("Could not wait for the embedded AMQP broker's message store to settle", e);
		}
	}

	private static boolean pendingDeletes(Object store) throws ReflectiveOperationException {
		return field(store, "_messagesToDelete") instanceof AtomicReference<?> toDelete
				&& toDelete.get() instanceof Collection<?> ids && !ids.isEmpty();
	}

	private static Object field(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			} catch (NoSuchFieldException e) {
				// look further up
			}
		}
		return null;
	}

	private static void shutdownQuietly(SystemLauncher launcher) {
		try {
			launcher.shutdown();
		} catch (RuntimeException e) {
			log.debug("Error while shutting down an embedded AMQP broker that failed to start", e);
		}
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	private static final class ResolvingListener implements SystemLauncherListener {

		private volatile SystemConfig<?> systemConfig;
		private volatile RuntimeException startupError;

		@Override
		public void beforeStartup() {
		}

		@Override
		public void errorOnStartup(RuntimeException e) {
			startupError = e;
		}

		@Override
		public void afterStartup() {
		}

		@Override
		public void onContainerResolve(SystemConfig<?> config) {
			systemConfig = config;
		}

		@Override
		public void onContainerClose(SystemConfig<?> config) {
		}

		@Override
		public void onShutdown(int exitCode) {
		}

		@Override
		public void exceptionOnShutdown(Exception e) {
			log.warn("Error while stopping the embedded AMQP broker", e);
		}
	}
}
