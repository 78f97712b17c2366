package org.openwd.inbox;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.openwd.testing.Api;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A STOMP client over a real WebSocket, as the browser inbox connects: it fetches the CSRF cookie first, authenticates
 * the handshake (HTTP Basic here; a browser sends its session cookie) and echoes the token in the CONNECT frame.
 */
public final class LiveClient implements AutoCloseable {

	/** The name of the CSRF cookie and of the CONNECT header that echoes it. */
	static final String CSRF_COOKIE = "XSRF-TOKEN";

	static final String CSRF_HEADER = "X-XSRF-TOKEN";

	private final WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());

	private final StompSession session;

	/** Payloads of ERROR frames and transport failures. */
	final List<String> errors = new CopyOnWriteArrayList<>();

	private LiveClient(String httpBase, String user, boolean sendCsrfToken) throws Exception {
		this(httpBase, csrfToken(httpBase), user, sendCsrfToken);
	}

	private LiveClient(String httpBase, String token, String user, boolean sendCsrfToken) throws Exception {
		this(httpBase, basic(user, token), token, sendCsrfToken);
	}

	/** {@code handshake} already carries the CSRF cookie. */
	private LiveClient(String httpBase, WebSocketHttpHeaders handshake, String token, boolean sendCsrfToken)
			throws Exception {
		StompHeaders connect = new StompHeaders();
		if (sendCsrfToken) {
			connect.add(CSRF_HEADER, token);
		}
		URI endpoint = URI.create(httpBase.replaceFirst("^http", "ws") + "/ws");
		CompletableFuture<StompSession> connecting = stomp.connectAsync(endpoint, handshake, connect, new ErrorRecorder());
		try {
			this.session = connecting.get(15, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			stomp.stop();
			throw new IllegalStateException("Connecting failed: " + ex.getCause() + " " + errors, ex.getCause());
		}
	}

	private static WebSocketHttpHeaders basic(String user, String token) {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", CSRF_COOKIE + "=" + token);
		if (user != null) {
			handshake.add("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		return handshake;
	}

	/** Records ERROR frames and failures; the session's messages arrive through {@link #subscribe}. */
	private final class ErrorRecorder extends StompSessionHandlerAdapter {

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			errors.add(headers.getFirst("message")
					+ (payload != null ? " " + new String((byte[]) payload, StandardCharsets.UTF_8) : ""));
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			errors.add(String.valueOf(exception));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			errors.add(String.valueOf(exception));
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

	}

	/** Connects as {@code user} (password = user name, the demo users), or anonymously for {@code null}. */
	public static LiveClient connect(String httpBase, String user) throws Exception {
		return new LiveClient(httpBase, user, true);
	}

	/**
	 * Connects with the given handshake headers (e.g. {@code Authorization: Bearer ...}, or the {@code Cookie} of a
	 * browser session, which is then joined by the CSRF cookie) and echoes the CSRF token got from {@code GET /login}.
	 */
	public static LiveClient connect(String httpBase, java.util.Map<String, String> handshakeHeaders) throws Exception {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		String token = csrfToken(httpBase);
		handshakeHeaders.forEach((name, value) -> {
			if (!"Cookie".equalsIgnoreCase(name)) {
				handshake.add(name, value);
			}
		});
		String cookies = handshakeHeaders.entrySet().stream().filter(e -> "Cookie".equalsIgnoreCase(e.getKey()))
			.map(e -> e.getValue() + "; ").findFirst().orElse("");
		handshake.add("Cookie", cookies + CSRF_COOKIE + "=" + token);
		return new LiveClient(httpBase, handshake, token, true);
	}

	static LiveClient connectWithoutCsrfToken(String httpBase, String user) throws Exception {
		return new LiveClient(httpBase, user, false);
	}

	/** Subscribes; messages arrive as JSON in the returned queue. */
	public BlockingQueue<JsonNode> subscribe(String destination) {
		BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
		session.subscribe(destination, new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				try {
					received.add(Api.JSON.readTree((byte[]) payload));
				}
				catch (IOException ex) {
					errors.add("not JSON: " + ex);
				}
			}

		});
		return received;
	}

	/** Sends a frame as the browser would (e.g. to test what the server refuses). */
	void send(String destination, String json) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		session.send(headers, json.getBytes(StandardCharsets.UTF_8));
	}

	boolean isConnected() {
		return session.isConnected();
	}

	@Override
	public void close() {
		if (session.isConnected()) {
			session.disconnect();
		}
		stomp.stop();
	}

	/** The CSRF token as a browser gets it: from the cookie set by a page that renders the token (the login page). */
	static String csrfToken(String httpBase) throws IOException, InterruptedException {
		HttpResponse<Void> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(httpBase + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
		return login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith(CSRF_COOKIE + "="))
			.map(cookie -> cookie.substring(CSRF_COOKIE.length() + 1).split(";", 2)[0])
			.filter(value -> !value.isEmpty())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("GET /login set no " + CSRF_COOKIE + " cookie: " + login.headers()));
	}

}
