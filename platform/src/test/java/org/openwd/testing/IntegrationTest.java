package org.openwd.testing;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.openwd.OpenWdApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration suite: the whole application on a real HTTP port, on H2 + the embedded broker or on
 * MariaDB + RabbitMQ (see {@link ItEnvironment}). All subclasses share one application context.
 */
@SpringBootTest(classes = OpenWdApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestEventRecorder.class)
public abstract class IntegrationTest {

	private static final Path DATA_DIR = ItEnvironment.newDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected TestEventRecorder events;

	public Api api;

	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		ItEnvironment.properties(1, DATA_DIR).forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeAll
	static void servers() {
		ItEnvironment.requireServers();
	}

	@BeforeEach
	void client() {
		api = new Api("http://127.0.0.1:" + port);
	}

}
