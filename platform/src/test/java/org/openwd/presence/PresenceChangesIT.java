package org.openwd.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.presence.PresenceFixtures.ensureEmployee;
import static org.openwd.presence.PresenceFixtures.force;
import static org.openwd.presence.PresenceFixtures.history;
import static org.openwd.presence.PresenceFixtures.invalidFields;
import static org.openwd.presence.PresenceFixtures.newEmployee;
import static org.openwd.presence.PresenceFixtures.presence;
import static org.openwd.presence.PresenceFixtures.put;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Presence changes through the REST API: the rules, who may change whose presence, and what is recorded. */
class PresenceChangesIT extends IntegrationTest {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void recordsEveryChangeInOrderWithTimeReasonAndActor() {
		String id = newEmployee(api);
		assertThat(force(api, "admin", id, "READY", null).status()).isEqualTo(200);
		assertThat(force(api, "admin", id, "NOT_READY", "lunch").status()).isEqualTo(200);
		assertThat(force(api, "supervisor", id, "NOT_READY", "meeting").status()).isEqualTo(200);
		assertThat(force(api, "admin", id, "READY", "back").status()).isEqualTo(200);
		Response last = force(api, "admin", id, "OFFLINE", "end of shift");
		assertThat(last.text("presence")).isEqualTo("OFFLINE");

		List<JsonNode> history = history(api, id);
		assertThat(history).extracting(e -> e.path("seq").asInt()).containsExactly(1, 2, 3, 4, 5);
		assertThat(history).extracting(e -> e.path("from").asText()).containsExactly("OFFLINE", "READY", "NOT_READY",
				"NOT_READY", "READY");
		assertThat(history).extracting(e -> e.path("to").asText()).containsExactly("READY", "NOT_READY", "NOT_READY", "READY",
				"OFFLINE");
		assertThat(history).extracting(e -> e.path("reason").asText(null)).containsExactly(null, "lunch", "meeting", "back",
				"end of shift");
		assertThat(history).extracting(e -> e.path("actor").asText()).containsExactly("admin", "admin", "supervisor", "admin",
				"admin");
		List<Instant> times = history.stream().map(e -> Instant.parse(e.path("at").asText())).toList();
		assertThat(times).isSorted();
		assertThat(Instant.parse(last.text("presenceSince"))).isEqualTo(times.get(4));
		assertThat(api.get("admin", "/api/v1/employees/" + id + "/presence/history?limit=2").body())
			.extracting(e -> e.path("seq").asInt()).containsExactly(5, 4);
		assertThat(api.get("admin", "/api/v1/employees/" + id + "/presence/history?limit=2&before=4").body())
			.extracting(e -> e.path("seq").asInt()).containsExactly(3, 2);
	}

	@Test
	void anOfflineEmployeeGoesReadyDirectlyWhenLoggingIn() {
		String id = newEmployee(api);
		Response ready = force(api, "admin", id, "READY", "login");
		assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
		assertThat(ready.text("presence")).isEqualTo("READY");
		assertThat(ready.body().has("reason")).isFalse();
	}

	@Test
	void notReadyNeedsAKnownReasonCode() {
		String id = newEmployee(api);
		force(api, "admin", id, "READY", null);
		Response missing = force(api, "admin", id, "NOT_READY", null);
		assertThat(invalidFields(missing)).containsExactly("reason");
		assertThat(missing.text("detail")).contains("lunch");
		Response unknown = force(api, "admin", id, "NOT_READY", "nap");
		assertThat(invalidFields(unknown)).containsExactly("reason");
		assertThat(unknown.text("detail")).contains("'nap'").contains("missed-offer");

		assertThat(api.get("admin", "/api/v1/employees/" + id).text("presence")).isEqualTo("READY");
		assertThat(history(api, id)).hasSize(1);
		assertThat(force(api, "admin", id, "NOT_READY", "Break").text("reason")).isEqualTo("break");
	}

	@Test
	void refusesAStateThatCannotBeSetNamingTheField() {
		String id = newEmployee(api);
		Response busy = force(api, "admin", id, "BUSY", null);
		assertThat(invalidFields(busy)).containsExactly("state");
		assertThat(busy.body().path("errors").get(0).path("message").asText()).contains("READY", "NOT_READY", "OFFLINE");
		assertThat(invalidFields(put(api, "admin", "/api/v1/employees/" + id + "/presence", Map.of("reason", "lunch"))))
			.containsExactly("state");
		assertThat(invalidFields(put(api, "admin", "/api/v1/employees/" + id + "/presence",
				Map.of("state", "READY", "reson", "typo")))).containsExactly("reson");
	}

	@Test
	void askingForTheCurrentPresenceChangesAndRecordsNothing() {
		String id = newEmployee(api);
		long created = api.get("admin", "/api/v1/employees/" + id).body().path("version").asLong();
		Response stillOffline = force(api, "admin", id, "OFFLINE", "logout");
		assertThat(stillOffline.status()).isEqualTo(200);
		assertThat(stillOffline.body().path("version").asLong()).isEqualTo(created);

		Response lunch = force(api, "admin", id, "NOT_READY", "lunch");
		Response lunchAgain = force(api, "admin", id, "NOT_READY", "lunch");
		assertThat(lunchAgain.status()).isEqualTo(200);
		assertThat(lunchAgain.body().path("version")).isEqualTo(lunch.body().path("version"));
		assertThat(lunchAgain.text("presenceSince")).isEqualTo(lunch.text("presenceSince"));
		assertThat(history(api, id)).extracting(e -> e.path("to").asText()).containsExactly("NOT_READY");
	}

	@Test
	void aSupervisorForcingPresenceIsRecordedAsTheActor() {
		String id = newEmployee(api);
		Response forced = force(api, "supervisor", id, "NOT_READY", "coaching");
		assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
		assertThat(forced.text("presence")).isEqualTo("NOT_READY");
		assertThat(forced.text("reason")).isEqualTo("coaching");
		JsonNode entry = history(api, id).get(0);
		assertThat(entry.path("actor").asText()).isEqualTo("supervisor");
		assertThat(entry.path("reason").asText()).isEqualTo("coaching");
	}

	@Test
	void agentsChangeOnlyTheirOwnPresence() {
		ensureEmployee(api, "agent");
		ensureEmployee(api, "agent2");
		int agent2Entries = history(api, "agent2").size();
		try {
			Response mine = put(api, "agent", "/api/v1/me/presence", presence("NOT_READY", "training"));
			assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
			assertThat(mine.text("id")).isEqualTo("agent");
			Response me = api.get("agent", "/api/v1/me");
			assertThat(me.text("presence")).isEqualTo("NOT_READY");
			assertThat(me.text("reason")).isEqualTo("training");
			assertThat(me.header("ETag")).isEqualTo("\"" + me.body().path("version").asLong() + "\"");
			JsonNode latest = api.get("agent", "/api/v1/me/presence/history?limit=1").body().get(0);
			assertThat(latest.path("to").asText()).isEqualTo("NOT_READY");
			assertThat(latest.path("actor").asText()).isEqualTo("agent");

			assertForbidden(force(api, "agent", "agent2", "READY", null));
			assertForbidden(api.get("agent", "/api/v1/employees"));
			assertForbidden(api.get("agent", "/api/v1/employees/agent2"));
			assertForbidden(api.get("agent", "/api/v1/employees/agent2/presence/history"));
			assertForbidden(put(api, "agent", "/api/v1/employees/agent", PresenceFixtures.profile("mine")));
			assertThat(history(api, "agent2")).hasSize(agent2Entries);
		}
		finally {
			put(api, "agent", "/api/v1/me/presence", presence("OFFLINE", null));
		}
	}

	@Test
	void aLoginWithoutAnEmployeeRecordHasNoPresence() {
		Response me = api.get("owner", "/api/v1/me");
		assertThat(me.status()).isEqualTo(404);
		assertThat(me.text("type")).isEqualTo("https://openwd.org/problems/not-found");
		assertThat(api.get("owner", "/api/v1/me/presence/history").status()).isEqualTo(404);
		assertForbidden(put(api, "connector", "/api/v1/me/presence", presence("READY", null)));
		assertForbidden(put(api, "owner", "/api/v1/me/presence", presence("READY", null)));
	}

	@Test
	void answersNotFoundForAnUnknownEmployee() {
		Response forced = force(api, "admin", "nobody-" + UUID.randomUUID(), "READY", null);
		assertThat(forced.status()).isEqualTo(404);
		assertThat(forced.text("type")).isEqualTo("https://openwd.org/problems/not-found");
		assertThat(api.get("supervisor", "/api/v1/employees/nobody/presence/history").status()).isEqualTo(404);
		assertThat(api.get("supervisor", "/api/v1/employees/nobody").status()).isEqualTo(404);
	}

	@Test
	void listsTheReasonCodesForTheReasonPicker() {
		Response reasons = api.get("agent", "/api/v1/presence/reasons");
		assertThat(reasons.status()).isEqualTo(200);
		assertThat(reasons.body().path("reasons")).extracting(JsonNode::asText).containsExactly("break", "lunch", "meeting",
				"training", "coaching", "missed-offer", "after-call-work", "other");
	}

	/** What a module listening with @ApplicationModuleListener gets: one event per change, after it is committed. */
	record Seen(PresenceChanged event, boolean afterCommit, Integer committedEntries) {
	}

	@Test
	void publishesEachChangeAsAnEventThatListenersSeeAfterItsHistoryEntryIsCommitted() {
		String id = newEmployee(api);
		List<Seen> seen = new CopyOnWriteArrayList<>();
		ApplicationListener<ApplicationEvent> listener = event -> {
			if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof PresenceChanged change
					&& change.employeeId().equals(id)) {
				if (!TransactionSynchronizationManager.isSynchronizationActive()) {
					seen.add(new Seen(change, false, null));
					return;
				}
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCommit() {
						seen.add(new Seen(change, true, jdbc.queryForObject(
								"select count(*) from owd_presence_history where employee_id = ?", Integer.class, id)));
					}
				});
			}
		};
		context.addApplicationListener(listener);
		try {
			force(api, "admin", id, "READY", null);
			force(api, "supervisor", id, "NOT_READY", "lunch");
			force(api, "admin", id, "NOT_READY", "lunch");
			force(api, "admin", id, "NOT_READY", "nap");
			force(api, "admin", id, "OFFLINE", "logout");
		}
		finally {
			context.removeApplicationListener(listener);
		}
		List<JsonNode> history = history(api, id);
		assertThat(seen).extracting(Seen::afterCommit).containsOnly(true);
		assertThat(seen).extracting(Seen::committedEntries).containsExactly(1, 2, 3);
		assertThat(seen).extracting(Seen::event).containsExactly(
				new PresenceChanged(id, PresenceState.OFFLINE, PresenceState.READY, null, at(history, 0), "admin"),
				new PresenceChanged(id, PresenceState.READY, PresenceState.NOT_READY, "lunch", at(history, 1), "supervisor"),
				new PresenceChanged(id, PresenceState.NOT_READY, PresenceState.OFFLINE, "logout", at(history, 2), "admin"));
	}

	private static Instant at(List<JsonNode> history, int index) {
		return Instant.parse(history.get(index).path("at").asText());
	}

	private static void assertForbidden(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/forbidden");
	}

}
