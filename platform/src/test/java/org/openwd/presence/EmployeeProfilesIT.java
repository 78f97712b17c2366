package org.openwd.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.presence.PresenceFixtures.force;
import static org.openwd.presence.PresenceFixtures.invalidFields;
import static org.openwd.presence.PresenceFixtures.newEmployee;
import static org.openwd.presence.PresenceFixtures.profile;
import static org.openwd.presence.PresenceFixtures.put;
import static org.openwd.presence.PresenceFixtures.uniqueId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;

/** Employee profiles: created and edited by supervisors and administrators, validated field by field. */
class EmployeeProfilesIT extends IntegrationTest {

	@Test
	void createsAnEmployeeOfflineAndReplacesTheProfileWithoutTouchingPresence() {
		String id = uniqueId("ann");
		Map<String, Object> profile = profile("claims-b");
		profile.put("skills", Map.of("Claims", 9, "billing", 0));
		profile.put("shiftEnd", "2026-03-02T17:00:00Z");
		Response created = put(api, "supervisor", "/api/v1/employees/" + id, profile);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/employees/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.text("presence")).isEqualTo("OFFLINE");
		assertThat(created.body().path("skills")).isEqualTo(Api.JSON.valueToTree(Map.of("claims", 9, "billing", 0)));
		assertThat(created.body().path("channelCapacity")).isEqualTo(Api.JSON.valueToTree(Map.of("case", 1, "email", 2)));
		assertThat(created.body().path("totalCapacity").asInt()).isEqualTo(2);
		assertThat(created.text("shiftEnd")).isEqualTo("2026-03-02T17:00:00Z");
		assertThat(created.body().path("outOfOffice").asBoolean()).isFalse();

		force(api, "admin", id, "READY", null);
		Map<String, Object> changed = new LinkedHashMap<>(Map.of("displayName", "Ann Smith", "team", "claims-c",
				"channelCapacity", Map.of("email", 4)));
		Response updated = put(api, "admin", "/api/v1/employees/" + id, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.text("displayName")).isEqualTo("Ann Smith");
		assertThat(updated.text("team")).isEqualTo("claims-c");
		assertThat(updated.body().has("department")).isFalse();
		assertThat(updated.body().path("skills").size()).isZero();
		assertThat(updated.body().path("totalCapacity").asInt()).as("defaults to the sum of channel capacities").isEqualTo(4);
		assertThat(updated.text("presence")).isEqualTo("READY");
		assertThat(updated.body().path("version").asLong()).isEqualTo(2);

		Response same = put(api, "admin", "/api/v1/employees/" + id, changed);
		assertThat(same.body().path("version").asLong()).as("an unchanged profile is not saved").isEqualTo(2);
		assertThat(api.get("supervisor", "/api/v1/employees/" + id).text("displayName")).isEqualTo("Ann Smith");
	}

	@Test
	void validationProblemsNameEveryOffendingField() {
		String id = uniqueId("bob");
		Map<String, Object> profile = profile("t");
		profile.put("skills", Map.of("claims", 11, "billing", -1, "has space", 3));
		profile.put("channelCapacity", Map.of("email", -1));
		profile.put("totalCapacity", -5);
		profile.put("team", "x".repeat(101));
		assertThat(invalidFields(put(api, "admin", "/api/v1/employees/" + id, profile))).containsExactlyInAnyOrder("skills.claims",
				"skills.billing", "skills.has space", "channelCapacity.email", "totalCapacity", "team");

		Map<String, Object> wrongTypes = new LinkedHashMap<>();
		wrongTypes.put("skills", Map.of("claims", "high"));
		wrongTypes.put("totalCapacity", "three");
		wrongTypes.put("outOfOffice", "yes");
		wrongTypes.put("shiftEnd", "tonight");
		wrongTypes.put("skils", Map.of());
		assertThat(invalidFields(put(api, "admin", "/api/v1/employees/" + id, wrongTypes))).containsExactlyInAnyOrder(
				"skills.claims", "totalCapacity", "outOfOffice", "shiftEnd", "skils");

		assertThat(invalidFields(put(api, "admin", "/api/v1/employees/has%20space", profile("t")))).containsExactly("id");
		assertThat(api.get("admin", "/api/v1/employees/" + id).status()).as("nothing was stored").isEqualTo(404);
	}

	@Test
	void theSubstituteMustBeAnotherExistingEmployee() {
		String id = newEmployee(api);
		Map<String, Object> away = profile("t");
		away.put("outOfOffice", true);
		away.put("substitute", id);
		Response self = put(api, "admin", "/api/v1/employees/" + id, away);
		assertThat(invalidFields(self)).containsExactly("substitute");

		away.put("substitute", "nobody-" + id);
		Response unknown = put(api, "admin", "/api/v1/employees/" + id, away);
		assertThat(invalidFields(unknown)).containsExactly("substitute");
		assertThat(unknown.text("detail")).contains("nobody-" + id);

		String colleague = newEmployee(api);
		away.put("substitute", colleague);
		Response saved = put(api, "admin", "/api/v1/employees/" + id, away);
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.body().path("outOfOffice").asBoolean()).isTrue();
		assertThat(saved.text("substitute")).isEqualTo(colleague);
	}

	@Test
	void refusesALostUpdateWhenIfMatchIsStale() {
		String id = newEmployee(api);
		Response current = api.get("admin", "/api/v1/employees/" + id);
		String etag = current.header("ETag");
		force(api, "admin", id, "READY", null);
		Response stale = put(api, "supervisor", "/api/v1/employees/" + id, profile("t"), Map.of("If-Match", etag));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.text("type")).isEqualTo("https://openwd.org/problems/version-mismatch");
		String fresh = api.get("admin", "/api/v1/employees/" + id).header("ETag");
		assertThat(put(api, "supervisor", "/api/v1/employees/" + id, profile("t"), Map.of("If-Match", fresh)).status())
			.isEqualTo(200);
		assertThat(invalidFields(put(api, "supervisor", "/api/v1/employees/" + id, profile("t"), Map.of("If-Match", "abc"))))
			.containsExactly("If-Match");
	}

	@Test
	void filtersEmployeesByTeamDepartmentAndPresence() {
		String team = uniqueId("team");
		String ready = newEmployee(api, team);
		String offline = newEmployee(api, team);
		String otherDepartment = uniqueId("emp");
		Map<String, Object> profile = profile(team);
		profile.put("department", "billing");
		put(api, "admin", "/api/v1/employees/" + otherDepartment, profile);
		force(api, "admin", ready, "READY", null);

		assertThat(ids(api.get("supervisor", "/api/v1/employees?team=" + team))).containsExactlyInAnyOrder(ready, offline,
				otherDepartment);
		assertThat(ids(api.get("supervisor", "/api/v1/employees?team=" + team + "&presence=READY"))).containsExactly(ready);
		assertThat(ids(api.get("supervisor", "/api/v1/employees?team=" + team + "&department=billing")))
			.containsExactly(otherDepartment);
		Response page = api.get("supervisor", "/api/v1/employees?team=" + team + "&size=2&page=1");
		assertThat(page.body().path("totalElements").asInt()).isEqualTo(3);
		assertThat(page.body().path("items").size()).isEqualTo(1);
		assertThat(invalidFields(api.get("supervisor", "/api/v1/employees?presence=BUSY"))).containsExactly("presence");
		assertThat(invalidFields(api.get("supervisor", "/api/v1/employees?size=501"))).containsExactly("size");
	}

	private static List<String> ids(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.body().path("items").forEach((JsonNode e) -> ids.add(e.path("id").asText()));
		return ids;
	}

}
