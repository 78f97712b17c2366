package org.openwd.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.ItEnvironment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded default comes with employee records for the demo users; the mariadb profile has none. */
class EmployeeDemoDataIT extends IntegrationTest {

	@Autowired
	ObjectProvider<DemoEmployees> demo;

	@Test
	void theDemoUsersHaveEmployeeRecordsOnTheEmbeddedDefault() {
		Assumptions.assumeFalse(ItEnvironment.mariadb(), "no demo data in the mariadb profile");
		JsonNode agent = api.get("agent", "/api/v1/me").body();
		assertThat(agent.path("team").asText()).isEqualTo("claims-a");
		assertThat(agent.path("department").asText()).isEqualTo("claims");
		assertThat(agent.path("skills")).isEqualTo(Api.JSON.valueToTree(Map.of("claims", 9, "service", 6, "billing", 5)));
		assertThat(agent.path("channelCapacity")).isEqualTo(Api.JSON.valueToTree(Map.of("case", 1, "email", 3)));
		assertThat(agent.path("totalCapacity").asInt()).isEqualTo(3);

		JsonNode agent2 = api.get("agent2", "/api/v1/me").body();
		assertThat(agent2.path("team").asText()).isEqualTo("service-a");
		assertThat(agent2.path("department").asText()).isEqualTo("service");
		assertThat(agent2.path("skills")).isEqualTo(Api.JSON.valueToTree(Map.of("claims", 6, "indexing", 8, "service", 8)));
		assertThat(agent2.path("channelCapacity")).isEqualTo(Api.JSON.valueToTree(Map.of("case", 1, "email", 2)));
		assertThat(agent2.path("totalCapacity").asInt()).isEqualTo(2);

		JsonNode supervisor = api.get("supervisor", "/api/v1/me").body();
		// supervisors take the supervisor reviews that escalation opens (skill supervision, docs/escalation.md)
		assertThat(supervisor.path("skills")).isEqualTo(Api.JSON.valueToTree(Map.of("supervision", 10)));
		assertThat(supervisor.path("totalCapacity").asInt()).isEqualTo(1);
	}

	@Test
	void seedingAgainKeepsRecordsThatWereEditedMeanwhile() {
		Assumptions.assumeFalse(ItEnvironment.mariadb(), "no demo data in the mariadb profile");
		String path = "/api/v1/employees/supervisor";
		JsonNode original = api.get("admin", path).body();
		try {
			assertThat(put(path, Map.of("displayName", "Edited Supervisor")).status()).isEqualTo(200);
			demo.getObject().run(null);
			assertThat(api.get("admin", path).text("displayName")).isEqualTo("Edited Supervisor");
		}
		finally {
			put(path, Map.of("displayName", original.path("displayName").asText()));
		}
	}

	private Api.Response put(String path, Object body) {
		try {
			return api.send("admin", HttpRequest.newBuilder(URI.create(api.base() + path))
				.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))),
					Map.of("Content-Type", "application/json"));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
