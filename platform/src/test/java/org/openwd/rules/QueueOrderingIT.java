package org.openwd.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.openwd.testing.RuleFixtures;

/** The queue order follows routing-profile edits at once (no restart) and explains itself. */
class QueueOrderingIT extends IntegrationTest {

	@Test
	void aRoutingProfileChangeReordersTheQueueForTheNextDecisionWithoutRestart() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String low = "it-low-" + suffix;
		String high = "it-high-" + suffix;
		String skill = "itprio" + suffix;
		assertThat(putProfile(low, 10).status()).isEqualTo(201);
		assertThat(putProfile(high, 20).status()).isEqualTo(201);
		RuleFixtures.deployWith(api, RuleFixtures.rule(RuleFixtures.ruleId("Rule_ItLow", suffix), "it-low-" + suffix, low, skill, "it")
				+ RuleFixtures.rule(RuleFixtures.ruleId("Rule_ItHigh", suffix), "it-high-" + suffix, high, skill, "it"));

		String a = capture("it-low-" + suffix);
		String b = capture("it-high-" + suffix);
		String top = "/api/v1/queue/top?n=10&skills=" + skill + ":5";
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ids(api.get("supervisor", top))).containsExactly(b, a));

		assertThat(putProfile(low, 30).status()).isEqualTo(200);
		assertThat(ids(api.get("supervisor", top))).containsExactly(a, b);

		JsonNode why = api.get("supervisor", "/api/v1/tasks/" + a + "/priority").body();
		assertThat(why.path("total").asLong()).isEqualTo(30);
		long sum = 0;
		for (JsonNode contribution : why.path("contributions")) {
			sum += contribution.path("points").asLong();
		}
		assertThat(sum).isEqualTo(why.path("total").asLong());
		assertThat(why.path("routingProfile").asText()).isEqualTo(low);

		Response pinned = api.post("supervisor", "/api/v1/tasks/" + b + "/priority", Map.of("pinned", true, "reason", "VIP"));
		assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ids(api.get("supervisor", top))).containsExactly(b, a));

		api.post("connector", "/api/v1/tasks/" + b + "/cancel", Map.of());
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ids(api.get("supervisor", top))).containsExactly(a));
		assertThat(ids(api.get("supervisor", "/api/v1/queue/top?n=10&skills=otherskill:10"))).doesNotContain(a);
	}

	@Test
	void refusesMalformedSkillFilters() {
		Response response = api.get("supervisor", "/api/v1/queue/top?skills=claims:eleven");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("skills");
	}

	private String capture(String type) {
		Map<String, Object> request = Api.newTask("it-prio");
		request.put("type", type);
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertThat(response.text("state")).as(response.toString()).isEqualTo("QUEUED");
		return response.text("id");
	}

	private Response putProfile(String name, int start) {
		Map<String, Object> profile = Map.of("name", name, "priority",
				Map.of("start", start, "increment", 0, "interval", "PT1H", "max", start, "valueWeight", 0), "sla",
				Map.of("duration", "P1D", "warningBefore", "PT1H"), "calendar", "24x7", "targets", List.of(Map.of("skills", "*")));
		try {
			return api.send("owner", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/routing-profiles/" + name))
				.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(profile))), Map.of("Content-Type", "application/json"));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> ids(Response response) {
		List<String> ids = new ArrayList<>();
		response.body().forEach(item -> ids.add(item.path("taskId").asText()));
		return ids;
	}

}
