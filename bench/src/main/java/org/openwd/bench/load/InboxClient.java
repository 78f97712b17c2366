package org.openwd.bench.load;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One simulated inbox's live connection, as the browser opens it: the login page for the CSRF cookie, a WebSocket
 * handshake with HTTP Basic and the cookie, a STOMP CONNECT echoing the token, and one subscription to
 * {@value #INBOX}. Each message frame is parsed once (one shared Jackson mapper) and handed to the {@link Listener} on
 * the WebSocket client's I/O thread, so the listener must not block (schedule any REST call it causes). Every inbox of
 * a run shares one {@link WebSocketStompClient} (its I/O threads and scheduler): thousands of inboxes cost the bench
 * a few threads, not one per session. Used by the load harness's employees and the backlog bench's shift.
 */
public final class InboxClient {

	/** Where an employee's inbox subscribes. */
	public static final String INBOX = "/user/queue/inbox";

	/** What the owner of an inbox does with what arrives. */
	public interface Listener {

		/** A message of the inbox ({@code {"type": ..., "at": ..., "payload": {...}}}); on an I/O thread. */
		void message(JsonNode message);

		/** A frame that could not be read, or the connection failed after it was open. */
		void error(String what);

	}

	private static final HttpClient LOGIN_PAGE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String user;

	private final Listener listener;

	private volatile StompSession session;

	private InboxClient(String user, Listener listener) {
		this.user = user;
		this.listener = listener;
	}

	/**
	 * Opens the inbox of {@code user} (a bench login, password = name) and subscribes; blocks until SUBSCRIBE is sent.
	 * A failed handshake is thrown, not reported to the listener, so that the caller can retry it.
	 */
	public static InboxClient connect(WebSocketStompClient stomp, String base, String user, Duration timeout, Listener listener)
			throws Exception {
		String token = csrfToken(base);
		InboxClient client = new InboxClient(user, listener);
		URI endpoint = URI.create(base.replaceFirst("^http", "ws") + "/ws");
		StompSession session = stomp.connectAsync(endpoint, handshake(user, token), connectHeaders(token), client.new Events())
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		client.session = session;
		session.subscribe(INBOX, client.new Frames());
		return client;
	}

	public String user() {
		return user;
	}

	public boolean isConnected() {
		StompSession s = session;
		return s != null && s.isConnected();
	}

	public void close() {
		StompSession s = session;
		if (s != null && s.isConnected()) {
			s.disconnect();
		}
	}

	private final class Events extends StompSessionHandlerAdapter {

		@Override
		public void handleTransportError(StompSession s, Throwable exception) {
			if (session != null) {
				listener.error(user + " transport: " + exception);
			}
		}

	}

	private final class Frames implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			JsonNode message;
			try {
				message = Http.JSON.readTree((byte[]) payload);
			}
			catch (IOException | RuntimeException ex) {
				listener.error(user + " message: " + ex);
				return;
			}
			try {
				listener.message(message);
			}
			catch (RuntimeException ex) {
				listener.error(user + " handling " + message.path("type").asText() + ": " + ex);
			}
		}

	}

	/** The CSRF token as a browser gets it: from the cookie that the login page sets. */
	public static String csrfToken(String base) throws IOException, InterruptedException {
		return csrfToken(base, LOGIN_PAGE);
	}

	/** {@link #csrfToken(String)} with a client of the caller's (its own timeouts and connection pool). */
	public static String csrfToken(String base, HttpClient client) throws IOException, InterruptedException {
		HttpResponse<Void> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
				HttpResponse.BodyHandlers.discarding());
		return login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("XSRF-TOKEN="))
			.map(c -> c.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
			.filter(v -> !v.isEmpty())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("GET /login set no XSRF-TOKEN cookie"));
	}

	/** A browser-like inbox handshake for a bench login (password = name): Basic plus the CSRF cookie. */
	public static WebSocketHttpHeaders handshake(String user, String token) {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Authorization", Http.basic(user));
		handshake.add("Cookie", "XSRF-TOKEN=" + token);
		return handshake;
	}

	/** The STOMP CONNECT headers that echo the CSRF token. */
	public static StompHeaders connectHeaders(String token) {
		StompHeaders connect = new StompHeaders();
		connect.add("X-XSRF-TOKEN", token);
		return connect;
	}

}
