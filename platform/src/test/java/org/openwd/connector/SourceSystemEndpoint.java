package org.openwd.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP endpoint of a source system that receives OpenWD's write-back calls: a real HTTP server (the JDK's) on
 * loopback that records each request and answers 204, or 500 while {@link #failing} is set.
 */
final class SourceSystemEndpoint {

	record Received(Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	static final SourceSystemEndpoint INSTANCE = new SourceSystemEndpoint();

	final List<Received> received = new CopyOnWriteArrayList<>();

	volatile boolean failing;

	private final HttpServer server;

	private SourceSystemEndpoint() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newFixedThreadPool(2));
		this.server.createContext("/shop/openwd-events", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			if (this.failing) {
				exchange.sendResponseHeaders(500, -1);
			}
			else {
				this.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
				exchange.sendResponseHeaders(204, -1);
			}
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/shop/openwd-events";
	}

}
