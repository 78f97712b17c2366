package org.openwd.inbox.internal;

import java.util.concurrent.Executor;

import org.openwd.presence.Employees;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;

/**
 * The STOMP endpoint {@value #ENDPOINT} and its broker: Spring's in-memory broker on a single node, or with
 * {@code openwd.live.relay.enabled=true} the relay to RabbitMQ's STOMP plugin, which carries messages, user
 * destinations and the user registry between the nodes of a cluster.
 * <p>
 * This extends Spring's broker configuration instead of using {@code @EnableWebSocketMessageBroker} (do not add that
 * annotation anywhere else) for one reason: with RabbitMQ, per-session user destinations must not become durable
 * queues (see {@link RabbitUserDestinationResolver}).
 */
@Configuration(proxyBeanMethods = false)
class LiveBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	static final String ENDPOINT = "/ws";

	static final String USER_DESTINATION_BROADCAST = "/topic/unresolved-user-destination";

	static final String USER_REGISTRY_BROADCAST = "/topic/simp-user-registry";

	private final LiveProperties properties;

	private final Environment environment;

	private final TaskScheduler brokerScheduler;

	LiveBrokerConfiguration(LiveProperties properties, Environment environment,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler) {
		this.properties = properties;
		this.environment = environment;
		this.brokerScheduler = brokerScheduler;
	}

	@Override
	protected void registerStompEndpoints(StompEndpointRegistry registry) {
		super.registerStompEndpoints(registry);
		registry.addEndpoint(ENDPOINT).setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
		registry.setErrorHandler(new LiveErrorHandler());
	}

	@Override
	protected void configureMessageBroker(MessageBrokerRegistry registry) {
		super.configureMessageBroker(registry);
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		// an offer and its expiry must reach the browser in the order they were sent
		registry.setPreservePublishOrder(true);
		LiveProperties.Relay relay = properties.relay();
		if (relay.enabled()) {
			registry.enableStompBrokerRelay("/topic", "/queue", "/exchange")
				.setRelayHost(setting(relay.host(), "spring.rabbitmq.host", "localhost"))
				.setRelayPort(relay.port() != null ? relay.port() : 61613)
				.setClientLogin(setting(relay.login(), "spring.rabbitmq.username", "guest"))
				.setClientPasscode(setting(relay.passcode(), "spring.rabbitmq.password", "guest"))
				.setSystemLogin(setting(relay.login(), "spring.rabbitmq.username", "guest"))
				.setSystemPasscode(setting(relay.passcode(), "spring.rabbitmq.password", "guest"))
				// always set: otherwise a client's own "host" header would pick the virtual host
				.setVirtualHost(setting(relay.virtualHost(), "spring.rabbitmq.virtual-host", "/"))
				.setUserDestinationBroadcast(USER_DESTINATION_BROADCAST)
				.setUserRegistryBroadcast(USER_REGISTRY_BROADCAST);
		}
		else {
			long heartbeat = properties.heartbeat().toMillis();
			registry.enableSimpleBroker("/topic", "/queue")
				.setHeartbeatValue(new long[] { heartbeat, heartbeat })
				.setTaskScheduler(brokerScheduler);
			// one inbox destination per session: all of them must fit, or each push scans every session's subscriptions
			registry.setCacheLimit(properties.destinationCacheLimit());
		}
	}

	@Bean
	@Override
	public UserDestinationResolver userDestinationResolver(SimpUserRegistry userRegistry,
			AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel) {
		DefaultUserDestinationResolver resolver = properties.relay().enabled()
				? new RabbitUserDestinationResolver(userRegistry) : new DefaultUserDestinationResolver(userRegistry);
		resolver.setUserDestinationPrefix("/user/");
		return resolver;
	}

	// Spring's messaging executors and scheduler are injected by name only (not default candidates): as ordinary
	// Executor/TaskScheduler beans they would make Spring Boot skip its application task executor and scheduler, and
	// @Async listeners and @Scheduled jobs of every other module would silently move to other threads. The client
	// channels keep dedicated pools instead of sharing Boot's application executor.

	@Bean(defaultCandidate = false)
	@Override
	public Executor clientInboundChannelExecutor() {
		return channelExecutor("clientInboundChannel-");
	}

	@Bean(defaultCandidate = false)
	@Override
	public Executor clientOutboundChannelExecutor() {
		return channelExecutor("clientOutboundChannel-");
	}

	@Bean(defaultCandidate = false)
	@Override
	public Executor brokerChannelExecutor(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel) {
		return super.brokerChannelExecutor(clientInboundChannel, clientOutboundChannel);
	}

	@Bean(name = { "messageBrokerTaskScheduler", "messageBrokerSockJsTaskScheduler" }, defaultCandidate = false)
	@Override
	public TaskScheduler messageBrokerTaskScheduler() {
		return super.messageBrokerTaskScheduler();
	}

	@Bean
	@Override
	public HandlerMapping stompWebSocketHandlerMapping(WebSocketHandler subProtocolWebSocketHandler,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler messageBrokerTaskScheduler,
			AbstractSubscribableChannel clientInboundChannel) {
		return super.stompWebSocketHandlerMapping(subProtocolWebSocketHandler, messageBrokerTaskScheduler,
				clientInboundChannel);
	}

	private Executor channelExecutor(String threadNamePrefix) {
		// Spring's default for these channels
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(Runtime.getRuntime().availableProcessors() * 2);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setThreadNamePrefix(threadNamePrefix);
		executor.setPhase(getPhase());
		return executor;
	}

	/**
	 * The grace timers of the connection-loss rule run on their own thread, not on the broker's heart-beat scheduler.
	 * Injected only by name, so {@code @Scheduled} methods elsewhere keep their scheduler.
	 */
	@Bean(defaultCandidate = false)
	ThreadPoolTaskScheduler liveGraceTimers() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("live-grace-");
		scheduler.setPoolSize(1);
		return scheduler;
	}

	@Bean
	ConnectionLossRule connectionLossRule(@Qualifier("liveGraceTimers") TaskScheduler timers,
			SimpUserRegistry userRegistry, ObjectProvider<Employees> employees) {
		return new ConnectionLossRule(timers, properties.offlineGrace(), user -> {
			SimpUser simpUser = userRegistry.getUser(user);
			return simpUser != null && simpUser.hasSessions();
		}, employees);
	}

	private String setting(String value, String fallbackProperty, String defaultValue) {
		return value != null && !value.isBlank() ? value : environment.getProperty(fallbackProperty, defaultValue);
	}

}
