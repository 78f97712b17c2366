package org.openwd.connector.internal;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.openwd.task.SourceTaskChanges;
import org.openwd.task.TaskCapture;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the connector host, the adapter factories and the health indicator. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorProperties.class)
class ConnectorConfiguration {

	@Bean
	AmqpSourceFactory amqpSourceFactory(ConnectionFactory connectionFactory, Clock clock) {
		return new AmqpSourceFactory(connectionFactory, clock);
	}

	@Bean(destroyMethod = "close")
	JdbcSourceFactory jdbcSourceFactory(javax.sql.DataSource dataSource, Clock clock) {
		return new JdbcSourceFactory(dataSource, clock);
	}

	@Bean
	FileSourceFactory fileSourceFactory(Clock clock) {
		return new FileSourceFactory(clock);
	}

	@Bean
	WebhookSourceFactory webhookSourceFactory(org.springframework.jdbc.core.JdbcTemplate jdbc, Clock clock) {
		return new WebhookSourceFactory(jdbc, clock);
	}

	/**
	 * Webhook requests authenticate by their HMAC signature, not by a user: a chain of their own, before the
	 * application's, lets them through to the controller, which verifies them. No session, no CSRF (no cookies).
	 */
	@Bean
	@org.springframework.core.annotation.Order(1)
	org.springframework.security.web.SecurityFilterChain webhookSecurityFilterChain(
			org.springframework.security.config.annotation.web.builders.HttpSecurity http) throws Exception {
		http.securityMatcher("/api/v1/webhooks/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session
				.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean(destroyMethod = "closeWriteBacks")
	ConnectorHost connectorHost(ConnectorProperties properties, List<SourceFactory> factories, TaskCapture capture,
			SourceTaskChanges changes, MalformedInputStore malformed, Clock clock, MeterRegistry meters) {
		List<SourceFactory> all = new java.util.ArrayList<>(factories);
		all.addAll(ProvidedSourceFactories.load(clock, ConnectorConfiguration.class.getClassLoader()));
		return new ConnectorHost(properties, all, capture, changes, malformed, clock, meters);
	}

	@Bean
	ConnectorsHealthIndicator connectorsHealthIndicator(ConnectorHost host) {
		return new ConnectorsHealthIndicator(host);
	}

}
