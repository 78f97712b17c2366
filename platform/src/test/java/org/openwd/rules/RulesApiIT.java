package org.openwd.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.openwd.rules.calendar.BusinessCalendar;
import org.openwd.rules.calendar.CalendarDefinition;
import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.springframework.core.io.ClassPathResource;

class RulesApiIT extends IntegrationTest {

	@Test
	void classifiesCapturedTasksWithTheDefaultTableAndComputesTheSlaInBusinessTime() throws Exception {
		Map<String, Object> request = Api.newTask("crm");
		request.put("customerSegment", "gold");
		Response task = api.post("connector", "/api/v1/tasks", request);
		assertThat(task.status()).as(task.toString()).isEqualTo(201);
		assertThat(task.text("state")).isEqualTo("QUEUED");
		assertThat(task.text("department")).isEqualTo("claims");
		assertThat(task.text("classifiedBy")).matches("classification:v\\d+/claims-priority:v\\d+");
		assertThat(task.body().path("requiredSkills").toString()).contains("claims");
		JsonNode calendar = api.get("owner", "/api/v1/calendars/standard").body().path("definition");
		BusinessCalendar standard = BusinessCalendar.of(Api.JSON.treeToValue(calendar, CalendarDefinition.class));
		Instant captured = Instant.parse(task.text("capturedAt"));
		assertThat(Instant.parse(task.text("dueTime"))).isEqualTo(standard.plus(captured, Duration.ofHours(4)));
	}

	@Test
	void sendsUnmatchedWorkToErrorHeldAndReclassifiesItAfterTheTableIsFixed() throws Exception {
		Map<String, Object> claim = Api.newTask("crm");
		String before = api.post("connector", "/api/v1/tasks", claim).text("classifiedBy");
		Map<String, Object> fax = Api.newTask("fax-gateway");
		fax.put("type", "fax");
		Response held = api.post("connector", "/api/v1/tasks", fax);
		assertThat(held.text("state")).isEqualTo("ERROR_HELD");
		assertThat(held.text("stateReason")).contains("No classification rule matched").contains("type=fax");

		int active = api.get("owner", "/api/v1/decisions/classification").body().path("version").asInt();
		Response deployed = deployDmn(defaultTable().replace("<rule id=\"Rule_DocumentsStandard\"",
				FAX_RULE + "<rule id=\"Rule_DocumentsStandard\""));
		assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
		assertThat(deployed.body().path("version").asInt()).isEqualTo(active + 1);

		Response reclassified = api.post("owner", "/api/v1/decisions/classification/reclassify-error-held", Map.of());
		assertThat(reclassified.status()).as(reclassified.toString()).isEqualTo(200);
		assertThat(reclassified.body().path("queued").asInt()).isGreaterThanOrEqualTo(1);
		JsonNode restarted = api.get("supervisor", "/api/v1/tasks/" + held.text("id")).body().path("task");
		assertThat(restarted.path("state").asText()).isEqualTo("QUEUED");
		assertThat(restarted.path("classifiedBy").asText()).startsWith("classification:v" + (active + 1) + "/back-office");
		String after = api.post("connector", "/api/v1/tasks", Api.newTask("crm")).text("classifiedBy");
		assertThat(after).startsWith("classification:v" + (active + 1) + "/");
		assertThat(api.get("connector", "/api/v1/sources/crm/tasks/" + claim.get("externalId")).text("classifiedBy")).isEqualTo(before);
	}

	@Test
	void refusesAnInvalidDecisionTableWithTheParsersMessageAndKeepsTheActiveOne() throws Exception {
		JsonNode activeBefore = api.get("owner", "/api/v1/decisions/classification").body();
		Response broken = deployDmn("<definitions><decision id=\"classification\"></definitions>");
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.text("type")).isEqualTo("https://openwd.org/problems/invalid-decision");
		assertThat(broken.text("detail")).isNotBlank();
		Response noProfile = deployDmn(defaultTable().replace("name=\"routingProfile\"", "name=\"queue\""));
		assertThat(noProfile.status()).isEqualTo(400);
		assertThat(noProfile.text("detail")).contains("routingProfile");
		Response badFeel = deployDmn(defaultTable().replace("<text>\"fax\"</text>", "<text>\"fax\" +*</text>")
			.replace("<rule id=\"Rule_DocumentsStandard\"", FAX_RULE.replace("\"fax\"</text></inputEntry>", "\"fax\" +*</text></inputEntry>")
					+ "<rule id=\"Rule_DocumentsStandard\""));
		assertThat(badFeel.status()).as(badFeel.toString()).isEqualTo(400);
		assertThat(badFeel.text("detail")).contains("Rule_Fax").contains("input 1");
		Response unknownProfile = deployDmn(defaultTable().replace("<rule id=\"Rule_DocumentsStandard\"",
				FAX_RULE.replace("\"back-office\"</text></outputEntry>\n", "\"nowhere\"</text></outputEntry>\n")
						+ "<rule id=\"Rule_DocumentsStandard\""));
		assertThat(unknownProfile.status()).as(unknownProfile.toString()).isEqualTo(400);
		assertThat(unknownProfile.text("detail")).contains("nowhere");
		assertThat(api.get("owner", "/api/v1/decisions/classification").body().path("version"))
			.isEqualTo(activeBefore.path("version"));
		assertThat(api.post("connector", "/api/v1/tasks", Api.newTask("crm")).text("state")).isEqualTo("QUEUED");
		assertThat(deployDmnAs("supervisor", defaultTable()).status()).isEqualTo(403);
	}

	@Test
	void versionsRoutingProfilesWithAnAuditTrailAndRefusesLostUpdates() {
		Response current = api.get("owner", "/api/v1/routing-profiles/billing");
		assertThat(current.status()).isEqualTo(200);
		ObjectNode profile = (ObjectNode) current.body().path("definition").deepCopy();
		((ObjectNode) profile.path("priority")).put("start", 25);
		Response saved = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/billing?note=campaign"))
			.PUT(HttpRequest.BodyPublishers.ofString(profile.toString())), Map.of("Content-Type", "application/json", "If-Match", current.header("ETag")));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		int version = saved.body().path("version").asInt();
		assertThat(version).isEqualTo(current.body().path("version").asInt() + 1);
		assertThat(saved.text("updatedBy")).isEqualTo("owner");

		Response stale = api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/billing"))
			.PUT(HttpRequest.BodyPublishers.ofString(profile.toString())), Map.of("Content-Type", "application/json", "If-Match", current.header("ETag")));
		assertThat(stale.status()).isEqualTo(412);

		JsonNode history = api.get("supervisor", "/api/v1/routing-profiles/billing/versions").body();
		assertThat(history.get(0).path("version").asInt()).isEqualTo(version);
		assertThat(history.get(0).path("note").asText()).isEqualTo("campaign");
		assertThat(history.get(history.size() - 1).path("changedBy").asText()).isEqualTo("system");

		Response restored = api.post("owner", "/api/v1/routing-profiles/billing/versions/" + (version - 1) + "/restore", Map.of());
		assertThat(restored.body().path("version").asInt()).isEqualTo(version + 1);
		assertThat(restored.body().path("definition").path("priority").path("start").asInt())
			.isEqualTo(current.body().path("definition").path("priority").path("start").asInt());
	}

	@Test
	void refusesAnInvalidRoutingProfileNamingEachBadField() {
		Map<String, Object> profile = Map.of("name", "broken", "priority",
				Map.of("start", 10, "increment", 1, "interval", "PT0S", "max", 5, "valueWeight", 0.1), "sla",
				Map.of("useSourceDueTime", false), "calendar", "moon", "targets", List.of(Map.of("skills", "claims>>9")));
		Response response = put("owner", "/api/v1/routing-profiles/broken", profile);
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.body().path("errors").findValuesAsText("field")).contains("priority.interval", "priority.max",
				"sla.duration", "calendar", "targets[0].skills");
		assertThat(api.get("owner", "/api/v1/routing-profiles/broken").status()).isEqualTo(404);
		assertThat(put("supervisor", "/api/v1/routing-profiles/broken", profile).status()).isEqualTo(403);
	}

	@Test
	void editsBusinessCalendarsAndRefusesInvalidOnes() {
		Map<String, Object> valid = Map.of("name", "night-shift", "zone", "Europe/Berlin", "weeklyHours",
				Map.of("MONDAY", List.of(Map.of("start", "22:00", "end", "23:59:59.999999999")), "TUESDAY",
						List.of(Map.of("start", "00:00", "end", "06:00"))),
				"holidays", List.of(), "exceptions", List.of());
		assertThat(put("owner", "/api/v1/calendars/night-shift", valid).status()).isIn(200, 201);
		Map<String, Object> invalid = Map.of("name", "bad", "zone", "Mars/Olympus", "weeklyHours",
				Map.of("MONDAY", List.of(Map.of("start", "17:00", "end", "09:00"))), "holidays", List.of(), "exceptions", List.of());
		Response refused = put("owner", "/api/v1/calendars/bad", invalid);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.body().path("errors").findValuesAsText("field")).contains("zone");
	}

	@Test
	void reclassifiesATaskWhenItsSourceUpdatesTheAttributes() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("attributes", Map.of("amount", 500));
		Response task = api.post("connector", "/api/v1/tasks", request);
		assertThat(task.text("classifiedBy")).contains("/claims-standard:");
		Response updated = api.patch("connector", "/api/v1/tasks/" + task.text("id"), Map.of("attributes", Map.of("amount", 25000)),
				Map.of());
		assertThat(updated.text("classifiedBy")).contains("/claims-priority:");
		JsonNode history = api.get("supervisor", "/api/v1/tasks/" + task.text("id")).body().path("history");
		assertThat(history.findValuesAsText("action")).containsExactly("CAPTURE", "CLASSIFY", "UPDATE", "CLASSIFY");
		assertThat(history.get(3).path("details").path("routingProfile").asText()).isEqualTo("claims-priority");
	}

	static final String FAX_RULE = """
			<rule id="Rule_Fax">
			  <description>Faxes are indexed by the back office</description>
			  <inputEntry id="Rule_Fax_Type"><text>"fax"</text></inputEntry>
			  <inputEntry id="Rule_Fax_Segment"><text>-</text></inputEntry>
			  <inputEntry id="Rule_Fax_Channel"><text>-</text></inputEntry>
			  <inputEntry id="Rule_Fax_Amount"><text>-</text></inputEntry>
			  <inputEntry id="Rule_Fax_Source"><text>-</text></inputEntry>
			  <outputEntry id="Rule_Fax_Profile"><text>"back-office"</text></outputEntry>
			  <outputEntry id="Rule_Fax_Department"><text>"back-office"</text></outputEntry>
			  <outputEntry id="Rule_Fax_Process"><text>"fax-indexing"</text></outputEntry>
			  <outputEntry id="Rule_Fax_Value"><text></text></outputEntry>
			  <outputEntry id="Rule_Fax_Skills"><text>"indexing"</text></outputEntry>
			  <outputEntry id="Rule_Fax_Sla"><text></text></outputEntry>
			</rule>
			""";

	String defaultTable() throws Exception {
		String xml = new String(new ClassPathResource("openwd/dmn/classification.dmn").getInputStream().readAllBytes(),
				StandardCharsets.UTF_8);
		return xml;
	}

	Response deployDmn(String xml) {
		return deployDmnAs("owner", xml);
	}

	Response deployDmnAs(String user, String xml) {
		return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/decisions/classification/versions"))
			.POST(HttpRequest.BodyPublishers.ofString(xml)), Map.of("Content-Type", "application/xml"));
	}

	Response put(String user, String path, Object body) {
		try {
			return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + path))
				.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))), Map.of("Content-Type", "application/json"));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
