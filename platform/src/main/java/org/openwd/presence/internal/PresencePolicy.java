package org.openwd.presence.internal;

import java.util.List;
import java.util.Locale;

import org.openwd.presence.PresenceState;

/**
 * Decides what a requested presence change means, without touching anything: a change, nothing to do, or refused with
 * the offending field. NOT_READY needs one of the configured reason codes. Asking for the presence one already has
 * (for NOT_READY: with the same reason) changes nothing. Every other move is allowed, including OFFLINE straight to
 * READY (logging in).
 */
final class PresencePolicy {

	static final int MAX_REASON_LENGTH = 100;

	private final List<String> reasonCodes;

	PresencePolicy(List<String> reasonCodes) {
		this.reasonCodes = List.copyOf(reasonCodes);
	}

	/** What {@link #decide} answers. */
	sealed interface Decision permits Change, Unchanged, Refused {
	}

	/**
	 * Move to {@code to}.
	 * @param reason for NOT_READY the reason code (normalised to lower case), otherwise an optional note on why
	 */
	record Change(PresenceState to, String reason) implements Decision {
	}

	/** The employee already has the requested presence: no history entry, no event. */
	record Unchanged() implements Decision {
	}

	/** Not allowed; {@code field} names the request field at fault. */
	record Refused(String field, String message) implements Decision {
	}

	Decision decide(PresenceState current, String currentReason, PresenceState to, String reason) {
		if (to == null) {
			return new Refused("state", "is required: one of READY, NOT_READY, OFFLINE");
		}
		String given = reason == null || reason.isBlank() ? null : reason.trim();
		if (given != null && given.length() > MAX_REASON_LENGTH) {
			return new Refused("reason", "must be at most %d characters".formatted(MAX_REASON_LENGTH));
		}
		if (to == PresenceState.NOT_READY) {
			if (given == null) {
				return new Refused("reason", "is required for NOT_READY: one of " + reasonCodes);
			}
			String code = given.toLowerCase(Locale.ROOT);
			if (!reasonCodes.contains(code)) {
				return new Refused("reason", "'%s' is not a reason code; use one of %s".formatted(given, reasonCodes));
			}
			given = code;
		}
		if (to == current && (to != PresenceState.NOT_READY || given.equals(currentReason))) {
			return new Unchanged();
		}
		return new Change(to, given);
	}

	List<String> reasonCodes() {
		return reasonCodes;
	}

}
