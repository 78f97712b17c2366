package org.openwd.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Every endpoint against every role: anonymous gets 401, a role outside the endpoint's rule gets 403, and a role
 * inside it gets past security (whatever the business answer). Also checks that no API endpoint lacks a rule.
 */
class AuthorizationIT extends IntegrationTest {

	static final List<String> USERS = List.of("agent", "supervisor", "owner", "connector", "admin");

	static final Set<String> CAPTURERS = Set.of("connector", "admin");

	static final Set<String> CONTROLLERS = Set.of("connector", "supervisor", "admin");

	static final Set<String> READERS = Set.of("supervisor", "owner", "admin");

	static final Set<String> SINGLE_READERS = Set.of("connector", "supervisor", "owner", "admin");

	record Endpoint(String method, String path, Object body, Set<String> allowed) {
	}

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	List<Endpoint> endpoints(String id, String key) {
		String byKey = "/api/v1/sources/auth/tasks/" + key;
		List<Endpoint> list = new ArrayList<>();
		list.add(new Endpoint("POST", "/api/v1/tasks", "new", CAPTURERS));
		list.add(new Endpoint("POST", "/api/v1/tasks/batch", List.of(), CAPTURERS));
		list.add(new Endpoint("GET", "/api/v1/tasks", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/tasks/" + id, null, SINGLE_READERS));
		list.add(new Endpoint("PATCH", "/api/v1/tasks/" + id, Map.of(), CAPTURERS));
		for (String verb : List.of("cancel", "hold", "resume", "restart")) {
			list.add(new Endpoint("POST", "/api/v1/tasks/" + id + "/" + verb, Map.of(), CONTROLLERS));
			list.add(new Endpoint("POST", byKey + "/" + verb, Map.of(), CONTROLLERS));
		}
		for (String verb : List.of("complete", "reject")) {
			list.add(new Endpoint("POST", "/api/v1/tasks/" + id + "/" + verb, Map.of(), CAPTURERS));
			list.add(new Endpoint("POST", byKey + "/" + verb, Map.of(), CAPTURERS));
		}
		list.add(new Endpoint("GET", byKey, null, SINGLE_READERS));
		list.add(new Endpoint("POST", "/api/v1/tasks/" + id + "/priority", Map.of("boost", 1), Set.of("supervisor", "admin")));
		list.add(new Endpoint("GET", "/api/v1/tasks/" + id + "/priority", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/queue/top", null, READERS));
		for (String base : List.of("/api/v1/routing-profiles", "/api/v1/calendars")) {
			list.add(new Endpoint("GET", base, null, READERS));
			list.add(new Endpoint("GET", base + "/standard-or-billing", null, READERS));
			list.add(new Endpoint("GET", base + "/billing/versions", null, READERS));
			list.add(new Endpoint("GET", base + "/billing/versions/1", null, READERS));
			list.add(new Endpoint("PUT", base + "/auth-probe", Map.of(), Set.of("owner", "admin")));
			list.add(new Endpoint("POST", base + "/auth-probe/versions/1/restore", Map.of(), Set.of("owner", "admin")));
		}
		list.add(new Endpoint("GET", "/api/v1/decisions/classification", null, READERS));
		list.add(new Endpoint("POST", "/api/v1/decisions/classification/reclassify-error-held", Map.of(), Set.of("owner", "admin")));
		Set<String> workers = Set.of("agent", "supervisor", "admin");
		list.add(new Endpoint("GET", "/api/v1/me/tasks", null, workers));
		list.add(new Endpoint("POST", "/api/v1/me/next", Map.of(), workers));
		String other = UUID.randomUUID().toString();
		for (String verb : List.of("accept", "reject", "complete", "return", "defer", "transfer")) {
			list.add(new Endpoint("POST", "/api/v1/me/tasks/" + other + "/" + verb, Map.of(), workers));
		}
		list.add(new Endpoint("POST", "/api/v1/tasks/" + other + "/assign", Map.of(), Set.of("supervisor", "admin")));
		list.add(new Endpoint("POST", "/api/v1/tasks/reassign", Map.of(), Set.of("supervisor", "admin")));
		list.add(new Endpoint("POST", "/api/v1/employees/nobody/pull-back", Map.of(), Set.of("supervisor", "admin")));
		list.add(new Endpoint("GET", "/api/v1/decisions/classification/versions", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/decisions/classification/versions/1", null, READERS));
		list.add(new Endpoint("POST", "/api/v1/decisions/classification/versions", "<x/>", Set.of("owner", "admin")));
		list.add(new Endpoint("POST", "/api/v1/decisions/classification/versions/999/restore", Map.of(), Set.of("owner", "admin")));
		list.add(new Endpoint("PATCH", byKey, Map.of(), CAPTURERS));
		list.add(new Endpoint("GET", "/api/v1/me", null, Set.copyOf(USERS)));
		list.add(new Endpoint("PUT", "/api/v1/me/presence", Map.of(), Set.of("agent", "supervisor", "admin")));
		list.add(new Endpoint("GET", "/api/v1/me/presence/history", null, Set.copyOf(USERS)));
		list.add(new Endpoint("GET", "/api/v1/presence/reasons", null, Set.copyOf(USERS)));
		list.add(new Endpoint("GET", "/api/v1/employees", null, Set.of("supervisor", "admin")));
		list.add(new Endpoint("GET", "/api/v1/employees/agent", null, Set.of("supervisor", "admin")));
		list.add(new Endpoint("PUT", "/api/v1/employees/auth-probe", Map.of(), Set.of("supervisor", "admin")));
		list.add(new Endpoint("PUT", "/api/v1/employees/agent/presence", Map.of(), Set.of("supervisor", "admin")));
		list.add(new Endpoint("GET", "/api/v1/employees/agent/presence/history", null, Set.of("supervisor", "admin")));
		// connectors (issue 6): operators read, admins pause and resume
		Set<String> operators = Set.of("supervisor", "admin");
		list.add(new Endpoint("GET", "/api/v1/connectors", null, operators));
		list.add(new Endpoint("GET", "/api/v1/connectors/auth-probe", null, operators));
		list.add(new Endpoint("GET", "/api/v1/connectors/auth-probe/malformed", null, operators));
		list.add(new Endpoint("POST", "/api/v1/connectors/auth-probe/pause", Map.of(), Set.of("admin")));
		list.add(new Endpoint("POST", "/api/v1/connectors/auth-probe/resume", Map.of(), Set.of("admin")));
		list.add(new Endpoint("GET", "/api/v1/write-back/deliveries", null, operators));
		list.add(new Endpoint("GET", "/api/v1/write-back/deliveries/auth-probe", null, operators));
		list.add(new Endpoint("POST", "/api/v1/write-back/deliveries/auth-probe/retry", Map.of(), operators));
		list.add(new Endpoint("GET", "/api/v1/session", null, Set.copyOf(USERS)));
		for (String report : List.of("live?dimension=queue", "day", "people", "tasks.csv")) {
			list.add(new Endpoint("GET", "/api/v1/reporting/" + report, null, Set.of("supervisor", "admin")));
		}
		list.add(new Endpoint("GET", "/api/v1/me/tasks/" + id + "/history", null, Set.of("agent", "supervisor", "admin")));
		Set<String> owners = Set.of("owner", "admin");
		list.add(new Endpoint("GET", "/api/v1/escalation/actions", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/escalation/profiles", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/escalation/profiles/default/models", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/escalation/profiles/default/models/1", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/escalation/profiles/default/models/1/bpmn", null, READERS));
		list.add(new Endpoint("GET", "/api/v1/escalation/tasks/" + id, null, READERS));
		list.add(new Endpoint("POST", "/api/v1/escalation/models/validate", "<x/>", owners));
		list.add(new Endpoint("POST", "/api/v1/escalation/profiles/auth-probe/models", "<x/>", owners));
		list.add(new Endpoint("POST", "/api/v1/escalation/profiles/default/models/999/activate", Map.of(), owners));
		list.add(new Endpoint("POST", "/api/v1/escalation/profiles/default/migrations", Map.of(), owners));
		return list;
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointAnswersEveryRoleAsItsRuleSays() {
		Map<String, Object> seed = Api.newTask("auth");
		String id = api.post("connector", "/api/v1/tasks", seed).text("id");
		String key = seed.get("externalId").toString();
		return endpoints(id, key).stream().flatMap(endpoint -> Stream.concat(
				Stream.of(DynamicTest.dynamicTest(endpoint.method() + " " + endpoint.path() + " anonymous", () -> {
					Response response = call(null, endpoint);
					assertThat(response.status()).isEqualTo(401);
					assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/unauthenticated");
				})),
				USERS.stream().map(user -> DynamicTest.dynamicTest(endpoint.method() + " " + endpoint.path() + " as " + user, () -> {
					Response response = call(user, endpoint);
					if (endpoint.allowed().contains(user)) {
						assertThat(response.status()).as(response.toString()).isNotIn(401, 403);
					}
					else {
						assertThat(response.status()).as(response.toString()).isEqualTo(403);
						assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/forbidden");
					}
				}))));
	}

	@Test
	void everyApiEndpointDeclaresWhichRolesMayCallIt() {
		List<String> unguarded = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
			boolean api = entry.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/"));
			if (api && !entry.getValue().hasMethodAnnotation(PreAuthorize.class)) {
				unguarded.add(entry.getKey().toString());
			}
		}
		assertThat(unguarded).isEmpty();
		assertThat(mappings.getHandlerMethods().keySet()).filteredOn(info -> info.getPatternValues().stream()
			.anyMatch(p -> p.startsWith("/api/"))).hasSizeGreaterThanOrEqualTo(endpoints("x", "y").size());
	}

	@Test
	void wrongPasswordsAreRefused() {
		Response response = api.send(null, HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/tasks")).GET(),
				Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes())));
		assertThat(response.status()).isEqualTo(401);
	}

	private Response call(String user, Endpoint endpoint) {
		Object body = "new".equals(endpoint.body()) ? Api.newTask("auth-" + UUID.randomUUID().toString().substring(0, 6))
				: endpoint.body();
		if (body instanceof String xml) {
			return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + endpoint.path()))
				.POST(HttpRequest.BodyPublishers.ofString(xml)), Map.of("Content-Type", "application/xml"));
		}
		return switch (endpoint.method()) {
			case "GET" -> api.get(user, endpoint.path());
			case "PUT" -> api.send(user, HttpRequest.newBuilder(URI.create(api.base() + endpoint.path()))
				.PUT(HttpRequest.BodyPublishers.ofString("{}")), Map.of("Content-Type", "application/json"));
			case "PATCH" -> api.patch(user, endpoint.path(), body, Map.of());
			default -> api.post(user, endpoint.path(), body);
		};
	}

}
