package org.openwd.connector.testkit;

import org.openwd.connector.api.ConnectorSource;

/** A well-behaved source passes the whole contract. */
class WellBehavedSourceContractTests extends ConnectorContractTest {

	private QueueSource queueSource;

	@Override
	protected ConnectorSource newSource() {
		this.queueSource = new QueueSource(false);
		return this.queueSource;
	}

	@Override
	protected String sourceSystem() {
		return "kit";
	}

	@Override
	protected void sendCapture(String externalId, String title) {
		this.queueSource.queue.add("capture;" + externalId + ";" + title);
	}

	@Override
	protected void sendUpdate(String externalId, String newTitle) {
		this.queueSource.queue.add("update;" + externalId + ";" + newTitle);
	}

	@Override
	protected void sendCancel(String externalId, String reason) {
		this.queueSource.queue.add("cancel;" + externalId + ";" + reason);
	}

	@Override
	protected void sendMalformed(String marker) {
		this.queueSource.queue.add("explode;" + marker);
	}

}
