/**
 * What the web inbox talks to: the live push channel (WebSocket/STOMP) and its connection-loss presence rule.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbox", allowedDependencies = { "presence", "security", "common" })
package org.openwd.inbox;
