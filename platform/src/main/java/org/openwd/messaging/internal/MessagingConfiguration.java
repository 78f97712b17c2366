package org.openwd.messaging.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.Jackson2JsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** AMQP topology and JSON mapping shared by everything that talks to the broker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
class MessagingConfiguration {

	@Bean
	Declarables openwdEventTopology(MessagingProperties properties) {
		return new Declarables(new TopicExchange(properties.exchange(), true, false));
	}

	@Bean
	org.openwd.messaging.NodeIdentity nodeIdentity() {
		return new org.openwd.messaging.NodeIdentity();
	}

	@Bean
	MessageConverter jsonMessageConverter(ObjectMapper mapper) {
		return new Jackson2JsonMessageConverter(mapper);
	}

}
