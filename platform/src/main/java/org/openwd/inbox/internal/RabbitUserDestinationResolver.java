package org.openwd.inbox.internal;

import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * User destinations for the RabbitMQ relay. Spring turns {@code /user/queue/inbox} into one destination per session,
 * {@code /queue/inbox-user<session>}; RabbitMQ would create a durable queue for each and keep it after the session has
 * gone, so every page load would leave a queue behind. This resolver uses {@code /exchange/amq.direct/inbox-user<session>}
 * instead: the subscription gets an exclusive, auto-deleted queue bound to the direct exchange, and messages sent to it
 * while nobody listens are dropped, as the live channel's best-effort contract allows. Clients do not see the
 * difference: they still subscribe to {@code /user/queue/inbox}.
 */
class RabbitUserDestinationResolver extends DefaultUserDestinationResolver {

	static final String QUEUE_PREFIX = "/queue/";

	static final String DIRECT_EXCHANGE_PREFIX = "/exchange/amq.direct/";

	RabbitUserDestinationResolver(SimpUserRegistry userRegistry) {
		super(userRegistry);
	}

	@Override
	protected String getTargetDestination(String sourceDestination, String actualDestination, String sessionId,
			String user) {
		String target = super.getTargetDestination(sourceDestination, actualDestination, sessionId, user);
		if (target == null || !target.startsWith(QUEUE_PREFIX)) {
			return target;
		}
		// a routing key, not a path: keep it one segment
		return DIRECT_EXCHANGE_PREFIX + target.substring(QUEUE_PREFIX.length()).replace('/', '.');
	}

}
