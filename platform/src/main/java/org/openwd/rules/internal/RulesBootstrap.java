package org.openwd.rules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.rules.internal.dmn.ClassificationDecision;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Ships the default rules: business calendars, routing profiles and the classification table, each saved as version 1
 * the first time the platform starts on a database. Existing documents are never touched, so process owners' edits
 * survive upgrades.
 */
@Component
@Order(0)
class RulesBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(RulesBootstrap.class);

	private static final String NOTE = "default shipped with OpenWD";

	private final ConfigStore store;

	private final ObjectMapper mapper;

	RulesBootstrap(ConfigStore store, ObjectMapper mapper) {
		this.store = store;
		this.mapper = mapper;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		seedJson(ConfigStore.CALENDAR, "openwd/rules/default-calendars.json");
		seedJson(ConfigStore.ROUTING_PROFILE, "openwd/rules/default-routing-profiles.json");
		String dmn = read("openwd/dmn/classification.dmn");
		ClassificationDecision.parse(dmn);
		seed(ConfigStore.DECISION, ClassificationDecision.KEY, dmn);
	}

	private void seedJson(String kind, String resource) throws IOException {
		for (JsonNode document : mapper.readTree(read(resource))) {
			seed(kind, document.path("name").asText(), mapper.writeValueAsString(document));
		}
	}

	private void seed(String kind, String name, String definition) {
		if (store.find(kind, name).isPresent()) {
			return;
		}
		try {
			store.save(kind, name, definition, 0, "system", NOTE);
			log.info("Installed default {} {}", kind, name);
		}
		catch (ConfigStore.VersionConflictException | DataIntegrityViolationException ex) {
			log.debug("Another node installed {} {} first", kind, name);
		}
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
