package org.openwd.connector.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the nonces of accepted webhook calls for the replay window. The platform keeps them in its database. */
public interface NonceStore {

	/**
	 * Remembers a nonce.
	 * @return {@code false} if it was seen before (a replay)
	 */
	boolean remember(String source, String nonce, Instant receivedAt);

	/** Forgets a nonce again, after the call failed retryably, so the sender may resend the same signed request. */
	void forget(String source, String nonce);

	/** Drops nonces received before the given instant (they are outside the window anyway). */
	void purgeBefore(Instant before);

	static NonceStore inMemory() {
		Map<String, Instant> seen = new ConcurrentHashMap<>();
		return new NonceStore() {

			@Override
			public boolean remember(String source, String nonce, Instant receivedAt) {
				return seen.putIfAbsent(source + "\u0000" + nonce, receivedAt) == null;
			}

			@Override
			public void forget(String source, String nonce) {
				seen.remove(source + "\u0000" + nonce);
			}

			@Override
			public void purgeBefore(Instant before) {
				seen.values().removeIf(at -> at.isBefore(before));
			}

		};
	}

}
