package org.openwd.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.simp.user.UserDestinationResult;
import org.springframework.messaging.support.MessageBuilder;

/** On RabbitMQ, per-session inbox destinations go through amq.direct, so no durable queue is left behind. */
class RabbitUserDestinationResolverTests {

	final SimpUserRegistry registry = mock(SimpUserRegistry.class);

	final RabbitUserDestinationResolver resolver = new RabbitUserDestinationResolver(registry);

	RabbitUserDestinationResolverTests() {
		SimpUser agent = mock(SimpUser.class);
		SimpSession tab = mock(SimpSession.class);
		given(tab.getId()).willReturn("s1");
		given(agent.getName()).willReturn("agent");
		given(agent.getSessions()).willReturn(Set.of(tab));
		given(agent.getSession("s1")).willReturn(tab);
		given(registry.getUser("agent")).willReturn(agent);
		resolver.setUserDestinationPrefix("/user/");
	}

	@Test
	void sendsToTheSessionsRoutingKeyOnTheDirectExchange() {
		UserDestinationResult result = resolver
			.resolveDestination(message(SimpMessageType.MESSAGE, "/user/agent/queue/inbox", null));

		assertThat(result.getTargetDestinations()).containsExactly("/exchange/amq.direct/inbox-users1");
		assertThat(result.getSubscribeDestination()).isEqualTo("/user/queue/inbox");
	}

	@Test
	void subscribesTheSessionToTheSameRoutingKey() {
		UserDestinationResult result = resolver
			.resolveDestination(message(SimpMessageType.SUBSCRIBE, "/user/queue/inbox", "s1"));

		assertThat(result.getTargetDestinations()).containsExactly("/exchange/amq.direct/inbox-users1");
	}

	@Test
	void leavesTopicsAlone() {
		UserDestinationResult result = resolver
			.resolveDestination(message(SimpMessageType.MESSAGE, "/user/agent/topic/news", null));

		assertThat(result.getTargetDestinations()).containsExactly("/topic/news-users1");
	}

	static Message<byte[]> message(SimpMessageType type, String destination, String session) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
		headers.setDestination(destination);
		if (session != null) {
			headers.setSessionId(session);
			headers.setUser(() -> "agent");
		}
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

}
