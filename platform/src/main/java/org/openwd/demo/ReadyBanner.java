package org.openwd.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who just started OpenWD where to point the browser and how to log in. */
@Component
class ReadyBanner {

	private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

	private final boolean demoUsers;

	ReadyBanner(@Value("${openwd.security.demo-users:false}") boolean demoUsers) {
		this.demoUsers = demoUsers;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		int port = web.getWebServer().getPort();
		StringBuilder text = new StringBuilder()
			.append("\n\n  OpenWD is ready: open http://localhost:").append(port).append("/\n")
			.append("  API documentation: http://localhost:").append(port).append("/swagger-ui.html\n");
		if (demoUsers) {
			text.append("  Demo users (password = user name): agent, agent2, supervisor, owner, connector, admin\n");
		}
		log.info(text.toString());
	}

}
