package org.openwd.connector;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.openwd.OpenWdApplication;
import org.openwd.testing.Api;
import org.openwd.testing.ItEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the connector integration tests: the whole application (H2 + embedded broker, or MariaDB + RabbitMQ) with
 * one instance of every adapter configured by properties, as an operator would. All subclasses share this context.
 */
@SpringBootTest(classes = OpenWdApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ConnectorIntegrationTest {

	static final Path DATA_DIR = ItEnvironment.newDataDir();

	static final String AMQP = "crm-it";

	static final String AMQP_QUEUE = "openwd.it.crm.cases";

	static final String AMQP_UPDATES = "openwd.it.crm.updates";

	static final String JDBC = "ledger-it";

	static final String FILE = "scans-it";

	static final Path DROP = DATA_DIR.resolve("drop");

	static final String ACME = "acme-it";

	static final String BPM_PROCESS = "openwd_it_bridge";

	static final Path SPOOL = DATA_DIR.resolve("acme/claims.spool");

	static final String WEBHOOK = "shop-it";

	static final String WEBHOOK_SECRET = "shop-it-shared-secret-0123456789";

	@LocalServerPort
	protected int port;

	protected Api api;

	static Map<String, String> connectorProperties() {
		Map<String, String> p = new LinkedHashMap<>();
		String amqp = "openwd.connectors.instances." + AMQP + ".";
		p.put(amqp + "type", "amqp");
		p.put(amqp + "source-system", "crm-it");
		p.put(amqp + "settings.queue", AMQP_QUEUE);
		p.put(amqp + "settings.retry-backoff", "PT0.2S");
		p.put(amqp + "mapping.externalId", "/caseId");
		p.put(amqp + "mapping.type", "/kind | default:claim");
		p.put(amqp + "mapping.title", "/subject | trim");
		p.put(amqp + "mapping.dueTime", "/due | date:dd.MM.yyyy HH:mm@Europe/Berlin");
		p.put(amqp + "mapping.businessValue", "/amount | integer");
		p.put(amqp + "mapping.attributes.amount", "/amount | number");
		p.put(amqp + "mapping.attributes.channel", "/channel | default:email");
		p.put(amqp + "mapping.operation", "/action | enum:new=capture,change=update,withdrawn=cancel,done=complete | default:capture");
		p.put(amqp + "mapping.reason", "/reason");
		p.put(amqp + "write-back.type", "amqp");
		p.put(amqp + "write-back.settings.exchange", "");
		p.put(amqp + "write-back.settings.routing-key", AMQP_UPDATES);
		p.put(amqp + "write-back.events[0]", "assigned");
		p.put(amqp + "write-back.events[1]", "completed");
		p.put(amqp + "write-back.events[2]", "canceled");
		String jdbc = "openwd.connectors.instances." + JDBC + ".";
		p.put(jdbc + "type", "jdbc");
		p.put(jdbc + "settings.url", LegacyDatabase.url());
		p.put(jdbc + "settings.username", LegacyDatabase.username());
		p.put(jdbc + "settings.password", LegacyDatabase.password());
		p.put(jdbc + "settings.table", "legacy_claim");
		p.put(jdbc + "settings.watermark-column", "updated_at");
		p.put(jdbc + "settings.key-column", "claim_no");
		p.put(jdbc + "settings.batch-size", "20");
		p.put(jdbc + "settings.poll-interval", "PT0.2S");
		p.put(jdbc + "settings.retry-backoff", "PT0.5S");
		p.put(jdbc + "mapping.externalId", "claim_no");
		p.put(jdbc + "mapping.type", "=claim");
		p.put(jdbc + "mapping.title", "subject");
		p.put(jdbc + "mapping.attributes.amount", "amount | number");
		p.put(jdbc + "mapping.attributes.received", "received | date:dd.MM.yyyy");
		p.put(jdbc + "mapping.operation", "status | enum:NEW=capture,OPEN=capture,WITHDRAWN=cancel,PAID=complete");
		p.put(jdbc + "mapping.outcome", "=paid");
		p.put(jdbc + "write-back.type", "jdbc");
		p.put(jdbc + "write-back.settings.state-column", "owd_state");
		p.put(jdbc + "write-back.settings.outcome-column", "owd_outcome");
		p.put(jdbc + "write-back.settings.values.COMPLETED", "DONE");
		p.put(jdbc + "write-back.events[0]", "completed");
		p.put(jdbc + "write-back.events[1]", "canceled");
		p.put(jdbc + "write-back.events[2]", "queued");
		String file = "openwd.connectors.instances." + FILE + ".";
		p.put(file + "type", "file");
		p.put(file + "source-system", "scanner-it");
		p.put(file + "settings.directory", DROP.toString());
		p.put(file + "settings.csv-separator", ";");
		p.put(file + "settings.poll-interval", "PT0.2S");
		p.put(file + "mapping.externalId", "doc");
		p.put(file + "mapping.type", "=letter");
		p.put(file + "mapping.title", "subject");
		p.put(file + "mapping.dueTime", "due | date:dd.MM.yyyy@Europe/Berlin");
		String hook = "openwd.connectors.instances." + WEBHOOK + ".";
		p.put(hook + "type", "webhook");
		p.put(hook + "settings.secret", WEBHOOK_SECRET);
		p.put(hook + "mapping.externalId", "/order");
		p.put(hook + "mapping.type", "=order");
		p.put(hook + "mapping.title", "/text");
		p.put(hook + "mapping.operation", "/op | default:capture");
		p.put(hook + "write-back.type", "webhook");
		p.put(hook + "write-back.settings.url", SourceSystemEndpoint.INSTANCE.url());
		p.put(hook + "write-back.settings.timeout", "PT5S");
		p.put(hook + "write-back.events[0]", "canceled");
		p.put(hook + "write-back.events[1]", "completed");
		p.put(hook + "write-back.events[2]", "overdue");
		p.put(hook + "mapping.dueTime", "/due");
		p.put("openwd.connectors.overdue-check-interval", "PT0.5S");
		String bpm = "openwd.connectors.instances.camunda-it.";
		p.put(bpm + "type", "camunda");
		p.put(bpm + "settings.process-definition-keys", BPM_PROCESS);
		p.put(bpm + "settings.poll-interval", "PT0.3S");
		p.put(bpm + "write-back.type", "camunda");
		p.put(bpm + "write-back.events[0]", "completed");
		String acme = "openwd.connectors.instances." + ACME + ".";
		p.put(acme + "type", "acme-spool");
		p.put(acme + "source-system", "acme-it");
		p.put(acme + "settings.file", SPOOL.toString());
		p.put(acme + "settings.layout", "claim:1-20,action:21-21,title:22-61,due:62-69");
		p.put(acme + "settings.poll-interval", "PT0.2S");
		p.put(acme + "mapping.externalId", "claim");
		p.put(acme + "mapping.type", "=claim");
		p.put(acme + "mapping.title", "title");
		p.put(acme + "mapping.dueTime", "due | date:yyyyMMdd@Europe/Berlin");
		p.put(acme + "mapping.operation", "action | enum:N=capture,U=update,X=cancel");
		p.put(acme + "write-back.type", "webhook");
		p.put(acme + "write-back.settings.url", SourceSystemEndpoint.INSTANCE.url());
		p.put(acme + "write-back.settings.secret", "acme-write-back-secret-123456");
		p.put(acme + "write-back.events[0]", "canceled");
		p.put("openwd.connectors.delivery.poll-interval", "PT0.2S");
		p.put("openwd.connectors.delivery.initial-backoff", "PT0.2S");
		p.put("openwd.connectors.delivery.max-attempts", "3");
		return p;
	}

	@DynamicPropertySource
	static void environment(DynamicPropertyRegistry registry) {
		LegacyDatabase.create();
		Map<String, String> properties = new LinkedHashMap<>(ItEnvironment.properties(1, DATA_DIR));
		if (ItEnvironment.mariadb()) {
			// a database of its own: the connectors' tasks must not mix with the shared suite's queues and offers
			LegacyDatabase.createMariadbDatabase("openwd_connectors_it");
			properties.put("OPENWD_DB_URL", LegacyDatabase.mariadbUrl("openwd_connectors_it"));
		}
		properties.putAll(connectorProperties());
		properties.forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeAll
	static void servers() {
		ItEnvironment.requireServers();
	}

	@BeforeEach
	void client() {
		this.api = new Api("http://127.0.0.1:" + this.port);
	}

}
