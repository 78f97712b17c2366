package org.openwd.inbox.internal;

import java.time.Instant;

/**
 * What every message on the live channel looks like (JSON): {@code {"type": "offer", "at": "2026-...Z", "payload": {...}}}.
 * @param type what happened, e.g. {@code offer}, {@code offer-expired}, {@code task-updated}, {@code presence}
 * @param at when the platform sent it
 * @param payload the type's body
 */
record LiveMessage(String type, Instant at, Object payload) {
}
