package org.openwd.bench.sessions;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openwd.bench.load.Http;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One open inbox: a browser-like login (GET /login sets the CSRF cookie), a WebSocket handshake with HTTP Basic and
 * the cookie, a STOMP CONNECT carrying the token, and one subscription: {@code /user/queue/inbox} for an agent,
 * {@code /topic/supervisors} for a supervisor. Every session shares one {@link WebSocketStompClient} (its I/O threads,
 * heart-beat scheduler and connect pool), so holding thousands costs the bench a few threads, not one per session.
 * Received {@code presence} messages go to the {@link FanOut} that measures them.
 */
final class InboxSession {

	static final ObjectMapper JSON = new ObjectMapper();

	final String user;

	final boolean supervisor;

	/** Index of the agent (for agents), or of the supervisor session. */
	final int index;

	private final java.util.function.Supplier<FanOut> fanOut;

	private volatile StompSession session;

	final AtomicInteger errors = new AtomicInteger();

	volatile String lastError;

	InboxSession(String user, boolean supervisor, int index, java.util.function.Supplier<FanOut> fanOut) {
		this.user = user;
		this.supervisor = supervisor;
		this.index = index;
		this.fanOut = fanOut;
	}

	/** The asynchronous handshake and CONNECT with the CSRF token of a login page; completes once SUBSCRIBE is sent. */
	CompletableFuture<Void> open(String base, String token, WebSocketStompClient stomp) {
		try {
			WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
			handshake.add("Authorization", Http.basic(user));
			handshake.add("Cookie", "XSRF-TOKEN=" + token);
			StompHeaders connect = new StompHeaders();
			connect.add("X-XSRF-TOKEN", token);
			URI endpoint = URI.create(base.replaceFirst("^http", "ws") + "/ws");
			return stomp.connectAsync(endpoint, handshake, connect, new StompSessionHandlerAdapter() {

				@Override
				public void handleException(StompSession s, org.springframework.messaging.simp.stomp.StompCommand command,
						StompHeaders headers, byte[] payload, Throwable exception) {
					error("frame: " + exception);
				}

				@Override
				public void handleTransportError(StompSession s, Throwable exception) {
					error("transport: " + exception);
				}

			}).thenAccept(s -> {
				session = s;
				s.subscribe(supervisor ? "/topic/supervisors" : "/user/queue/inbox", new Frames());
			});
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	boolean isConnected() {
		StompSession s = session;
		return s != null && s.isConnected();
	}

	void close() {
		StompSession s = session;
		if (s != null && s.isConnected()) {
			try {
				s.disconnect();
			}
			catch (RuntimeException ignored) {
				// closing anyway
			}
		}
	}

	private void error(String text) {
		errors.incrementAndGet();
		lastError = user + " " + text;
	}

	private final class Frames implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			Instant received = Instant.now();
			try {
				JsonNode message = JSON.readTree((byte[]) payload);
				if ("presence".equals(message.path("type").asText())) {
					JsonNode change = message.path("payload");
					fanOut.get().received(InboxSession.this, change.path("employeeId").asText(), change.path("to").asText(),
							Instant.parse(change.path("at").asText()), Instant.parse(message.path("at").asText()), received);
				}
			}
			catch (Exception ex) {
				error("message: " + ex);
			}
		}

	}

}
