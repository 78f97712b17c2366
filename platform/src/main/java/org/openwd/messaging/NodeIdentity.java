package org.openwd.messaging;

import java.util.UUID;

/**
 * This platform node's identity on the message bus: events this node publishes carry it in the {@value #HEADER} header,
 * so a node can tell its own events (already handled in-process) from other nodes'.
 */
public final class NodeIdentity {

	public static final String HEADER = "openwd-origin";

	private final String id = UUID.randomUUID().toString();

	public String id() {
		return id;
	}

}
