package org.openwd.connector.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;

import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.mapping.ItemMapping;
import org.openwd.connector.testkit.ConnectorContractTest;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** The AMQP source keeps the connector contract, on RabbitMQ (scripts/test.sh) or the in-JVM Qpid broker. */
class AmqpSourceContractTests extends ConnectorContractTest {

	static final Map<String, String> MAPPING = Map.of("externalId", "/id", "title", "/title", "operation",
			"/op | default:capture", "reason", "/reason");

	private final CachingConnectionFactory connectionFactory = TestBroker.get().connectionFactory();

	private final RabbitTemplate rabbit = new RabbitTemplate(this.connectionFactory);

	private final String queue = "contract-" + UUID.randomUUID();

	@Override
	protected ConnectorSource newSource() {
		AmqpSourceSettings settings = new AmqpSourceSettings(this.queue, null, true, "json", 1, 10,
				java.time.Duration.ofMillis(100));
		return new AmqpSource("amqp-contract", this.connectionFactory, settings, ItemMapping.of("amqp", MAPPING),
				Clock.systemUTC());
	}

	@AfterEach
	void cleanUp() {
		new org.springframework.amqp.rabbit.core.RabbitAdmin(this.connectionFactory).deleteQueue(this.queue);
		new org.springframework.amqp.rabbit.core.RabbitAdmin(this.connectionFactory).deleteQueue(this.queue + ".dlq");
		this.connectionFactory.destroy();
	}

	@Override
	protected String sourceSystem() {
		return "amqp";
	}

	private void publish(String json) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		this.rabbit.send("", this.queue,
				MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8)).andProperties(properties).build());
	}

	@Override
	protected void sendCapture(String externalId, String title) {
		publish("{\"id\":\"" + externalId + "\",\"title\":\"" + title + "\"}");
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) {
		publish("{\"id\":\"" + externalId + "\",\"title\":\"" + newTitle + "\",\"op\":\"update\"}");
	}

	@Override
	protected void sendCancel(String externalId, String reason) {
		publish("{\"id\":\"" + externalId + "\",\"op\":\"cancel\",\"reason\":\"" + reason + "\"}");
	}

	@Override
	protected void sendMalformed(String marker) {
		publish("{\"id\": \"" + marker + "\", broken");
	}

}
