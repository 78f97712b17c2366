package org.openwd.messaging.internal.embedded;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Runs the embedded AMQP broker when {@code openwd.amqp.embedded.enabled=true} and points Spring Boot's RabbitMQ
 * auto-configuration at it.
 *
 * <p>Wiring: the broker is the bean {@value #BROKER_BEAN}, started when it is created. The bean
 * {@value #CONNECTION_DETAILS_BEAN} is a {@link RabbitConnectionDetails} built from the running broker (127.0.0.1,
 * its bound port, its user, virtual host {@code /}); Boot's {@code RabbitAutoConfiguration} then skips its
 * property-based connection details and builds {@code rabbitConnectionFactory} from these. That injection chain
 * (broker &larr; connection details &larr; connection factory &larr; template, admin, listener containers) makes
 * Spring create the broker first and destroy it last, after every AMQP client bean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "openwd.amqp.embedded.enabled", havingValue = "true")
@EnableConfigurationProperties(EmbeddedBrokerProperties.class)
public class EmbeddedBrokerConfiguration {

	public static final String BROKER_BEAN = "openwdEmbeddedAmqpBroker";
	public static final String CONNECTION_DETAILS_BEAN = "openwdEmbeddedRabbitConnectionDetails";

	@Bean(name = BROKER_BEAN, destroyMethod = "stop")
	EmbeddedAmqpBroker openwdEmbeddedAmqpBroker(EmbeddedBrokerProperties properties, Environment environment) {
		String workDir = StringUtils.hasText(properties.workDir())
				? properties.workDir()
				: environment.resolveRequiredPlaceholders(EmbeddedBrokerProperties.DEFAULT_WORK_DIR);
		EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(properties.port(), properties.username(),
				properties.password(), Path.of(workDir), properties.durable());
		broker.start();
		return broker;
	}

	@Bean(name = CONNECTION_DETAILS_BEAN)
	RabbitConnectionDetails openwdEmbeddedRabbitConnectionDetails(EmbeddedAmqpBroker broker) {
		return new EmbeddedRabbitConnectionDetails(broker);
	}

	/** Connection details read from the running broker. */
	static final class EmbeddedRabbitConnectionDetails implements RabbitConnectionDetails {

		private final EmbeddedAmqpBroker broker;

		EmbeddedRabbitConnectionDetails(EmbeddedAmqpBroker broker) {
			this.broker = broker;
		}

		@Override
		public String getUsername() {
			return broker.username();
		}

		@Override
		public String getPassword() {
			return broker.password();
		}

		@Override
		public String getVirtualHost() {
			return "/";
		}

		@Override
		public List<Address> getAddresses() {
			return List.of(new Address(broker.host(), broker.port()));
		}
	}
}
