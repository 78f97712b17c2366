/**
 * AMQP messaging: the embedded broker of the no-install default and the relay that forwards task events from the
 * outbox to the {@code openwd.events} exchange.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging", allowedDependencies = { "task", "presence", "common" })
package org.openwd.messaging;
