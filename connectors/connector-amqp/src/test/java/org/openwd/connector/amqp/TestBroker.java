package org.openwd.connector.amqp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The broker the tests talk to: the real RabbitMQ that scripts/test.sh starts (system properties
 * {@code openwd.it.rabbit.*}), or else an in-JVM Apache Qpid Broker-J on a free loopback port, the same broker the
 * platform embeds. One per test JVM.
 */
final class TestBroker {

	private static TestBroker instance;

	final String host;

	final int port;

	final String username;

	final String password;

	final boolean real;

	private TestBroker(String host, int port, String username, String password, boolean real) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
		this.real = real;
	}

	static synchronized TestBroker get() {
		if (instance == null) {
			String host = System.getProperty("openwd.it.rabbit.host", "");
			instance = host.isBlank() ? startQpid()
					: new TestBroker(host, Integer.parseInt(System.getProperty("openwd.it.rabbit.port")),
							System.getProperty("openwd.it.rabbit.username"), System.getProperty("openwd.it.rabbit.password"),
							true);
		}
		return instance;
	}

	CachingConnectionFactory connectionFactory() {
		CachingConnectionFactory factory = new CachingConnectionFactory(this.host, this.port);
		factory.setUsername(this.username);
		factory.setPassword(this.password);
		return factory;
	}

	String uri() {
		return "amqp://" + this.username + ":" + this.password + "@" + this.host + ":" + this.port;
	}

	private static TestBroker startQpid() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Map<String, String> context = new HashMap<>();
			context.put("qpid.work_dir", Files.createTempDirectory("qpid-test").toString());
			context.put("qpid.amqp_port", Integer.toString(port));
			context.put("openwd.broker.username", "guest");
			context.put("openwd.broker.password", "guest");
			Map<String, Object> attributes = new HashMap<>();
			attributes.put("type", "Memory");
			attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION,
					TestBroker.class.getClassLoader().getResource("qpid/config.json").toExternalForm());
			attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION,
					TestBroker.class.getClassLoader().getResource("qpid/system.properties").toExternalForm());
			attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
			attributes.put("preferenceStoreAttributes", "{\"type\":\"Noop\"}");
			attributes.put("context", context);
			new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener()).startup(attributes);
			return new TestBroker("127.0.0.1", port, "guest", "guest", false);
		}
		catch (Exception ex) {
			throw new IllegalStateException("in-JVM Qpid broker did not start", ex);
		}
	}

}
