package org.openwd.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;

/** Bad input is answered with RFC 9457 problem details naming every offending field, and nothing is stored. */
class ProblemDetailsIT extends IntegrationTest {

	@Test
	void namesEveryMissingRequiredField() {
		Response response = api.post("connector", "/api/v1/tasks", Map.of("description", "no key"));
		assertInvalid(response, "sourceSystem", "externalId", "type", "title");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void namesEveryFieldOfTheWrongType() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("businessValue", "high");
		request.put("title", 42);
		request.put("dueTime", "tomorrow");
		request.put("requiredSkills", "claims");
		request.put("attributes", List.of(1, 2));
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertInvalid(response, "businessValue", "title", "dueTime", "requiredSkills", "attributes");
		assertThat(messageOf(response, "dueTime")).contains("ISO-8601");
		assertThat(messageOf(response, "businessValue")).contains("number");
	}

	@Test
	void namesFieldsThatBreakConstraints() {
		Map<String, Object> request = Api.newTask("crm has spaces");
		request.put("businessValue", 5000);
		request.put("title", "x".repeat(501));
		request.put("requiredSkills", List.of("claims", ""));
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertInvalid(response, "sourceSystem", "businessValue", "title", "requiredSkills[1]");
	}

	@Test
	void refusesUnknownFieldsSoTyposDoNotPassSilently() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("dueDate", "2030-01-01T00:00:00Z");
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertInvalid(response, "dueDate");
		assertThat(messageOf(response, "dueDate")).isEqualTo("is not a known field");
	}

	@Test
	void refusesMalformedJson() {
		Response response = api.post("connector", "/api/v1/tasks", "{\"sourceSystem\": \"crm\",");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/malformed-json");
	}

	@Test
	void refusesAnUnknownStateFilterNamingTheParameterAndTheAllowedValues() {
		Response response = api.get("supervisor", "/api/v1/tasks?state=QUEUED&state=WAITING");
		assertInvalid(response, "state");
		assertThat(messageOf(response, "state")).contains("WAITING").contains("QUEUED").contains("ERROR_HELD");
	}

	@Test
	void refusesBadPagingAndSorting() {
		assertInvalid(api.get("supervisor", "/api/v1/tasks?size=10000"), "size");
		assertInvalid(api.get("supervisor", "/api/v1/tasks?page=-1"), "page");
		assertInvalid(api.get("supervisor", "/api/v1/tasks?sort=password,asc"), "sort");
		assertInvalid(api.get("supervisor", "/api/v1/tasks?dueBefore=yesterday"), "dueBefore");
	}

	@Test
	void refusesAnOversizedBodyDeclaredByContentLength() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("description", "x".repeat(300 * 1024));
		Response response = api.post("connector", "/api/v1/tasks", request);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/payload-too-large");
		assertNotStored(request);
	}

	@Test
	void refusesAnOversizedChunkedBodyWhileReadingIt() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("description", "x".repeat(300 * 1024));
		byte[] body = Api.JSON.valueToTree(request).toString().getBytes();
		// a streamed publisher without a known length is sent chunked
		HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers
			.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
		Response response = api.send("connector", HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/tasks")).POST(chunked),
				Map.of("Content-Type", "application/json"));
		assertThat(response.status()).isEqualTo(413);
		assertNotStored(request);
	}

	@Test
	void refusesAttributesAboveTheirSizeLimit() {
		Map<String, Object> request = Api.newTask("crm");
		request.put("attributes", Map.of("scan", "y".repeat(70 * 1024)));
		assertInvalid(api.post("connector", "/api/v1/tasks", request), "attributes");
		assertNotStored(request);
	}

	@Test
	void refusesABatchWithTooManyItemsWithoutCapturingAny() {
		List<Map<String, Object>> items = new ArrayList<>(Collections.nCopies(1001, null));
		for (int i = 0; i < items.size(); i++) {
			items.set(i, Api.newTask("bulk"));
		}
		Response response = api.post("connector", "/api/v1/tasks/batch", items);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.text("detail")).contains("1000");
		assertNotStored(items.get(0));
	}

	@Test
	void refusesABatchThatIsNotAnArray() {
		assertInvalid(api.post("connector", "/api/v1/tasks/batch", Api.newTask("bulk")), "(body)");
	}

	@Test
	void refusesABadIfMatchHeader() {
		String id = api.post("connector", "/api/v1/tasks", Api.newTask("crm")).text("id");
		assertInvalid(api.patch("connector", "/api/v1/tasks/" + id, Map.of("title", "t"), Map.of("If-Match", "\"abc\"")), "If-Match");
	}

	private void assertNotStored(Map<String, Object> request) {
		assertThat(api.get("connector", "/api/v1/sources/" + request.get("sourceSystem") + "/tasks/" + request.get("externalId"))
			.status()).isEqualTo(404);
	}

	static void assertInvalid(Response response, String... fields) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/invalid-request");
		assertThat(response.body().path("errors").findValuesAsText("field")).as(response.toString())
			.containsOnly(fields);
		response.body().path("errors").forEach(error -> assertThat(error.path("message").asText()).isNotBlank());
	}

	static String messageOf(Response response, String field) {
		for (var error : response.body().path("errors")) {
			if (error.path("field").asText().equals(field)) {
				return error.path("message").asText();
			}
		}
		return null;
	}

}
