package org.openwd.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;

/**
 * Cockpit and Admin with the platform's own login: process owners and admins get in with their OpenWD credentials and
 * Camunda sees them as themselves, with their roles as groups; other roles are refused, browsers without a session go to
 * the platform's login page, and "/" stays the OpenWD UI.
 */
class CamundaWebappsIT extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Autowired
	ProcessEngine engine;

	/**
	 * The web apps find engines in Camunda's JVM-wide registry. Other tests start and stop second application contexts in
	 * this JVM, whose engine (also named "default") unregisters on close; one platform per JVM never does that.
	 */
	@org.junit.jupiter.api.BeforeEach
	void engineIsRegistered() {
		org.camunda.bpm.container.RuntimeContainerDelegate container = org.camunda.bpm.container.RuntimeContainerDelegate.INSTANCE.get();
		ProcessEngine registered = container.getProcessEngineService().getProcessEngine(engine.getName());
		if (registered != engine) {
			if (registered != null) {
				container.unregisterProcessEngine(registered);
			}
			container.registerProcessEngine(engine);
		}
		if (org.camunda.bpm.engine.ProcessEngines.getProcessEngine(engine.getName(), false) != engine) {
			org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
		}
		// the web apps' bootstrap listeners keep their runtime delegates in static fields and clear them when any
		// context in the JVM shuts its web apps down (the two-node and restart tests do); put them back as they boot
		if (org.camunda.bpm.cockpit.Cockpit.getRuntimeDelegate() == null) {
			org.camunda.bpm.cockpit.Cockpit.setCockpitRuntimeDelegate(new org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate());
		}
		if (org.camunda.bpm.admin.Admin.getRuntimeDelegate() == null) {
			org.camunda.bpm.admin.Admin.setAdminRuntimeDelegate(new org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate());
		}
		if (org.camunda.bpm.tasklist.Tasklist.getRuntimeDelegate() == null) {
			org.camunda.bpm.tasklist.Tasklist.setTasklistRuntimeDelegate(new org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate());
		}
		if (org.camunda.bpm.welcome.Welcome.getRuntimeDelegate() == null) {
			org.camunda.bpm.welcome.Welcome.setRuntimeDelegate(new org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate());
		}
	}

	@Test
	void processOwnersOpenCockpitWithTheirPlatformLogin() {
		Api.Response cockpit = api.get("owner", "/camunda/app/cockpit/default/");

		assertThat(cockpit.status()).as(cockpit.toString()).isEqualTo(200);
		assertThat(cockpit.raw().body()).containsIgnoringCase("cockpit");
		assertThat(api.get("admin", "/camunda/app/admin/default/").status()).isEqualTo(200);
	}

	@Test
	void camundaKnowsTheSignedInUserAndTheirRolesWithoutASecondUserStore() throws Exception {
		Browser owner = new Browser("owner");
		assertThat(owner.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);

		HttpResponse<String> user = owner.get("/camunda/api/admin/auth/user/default");

		assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
		JsonNode body = Api.JSON.readTree(user.body());
		assertThat(body.path("userId").asText()).isEqualTo("owner");
		assertThat(body.path("authorizedApps").toString()).contains("cockpit", "admin");
		HttpResponse<String> definitions = owner.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
		assertThat(definitions.body()).contains("openwd-escalation");
		assertThat(engine.getIdentityService().isReadOnly()).as("Camunda keeps no users of its own").isTrue();
		assertThat(engine.getIdentityService().createUserQuery().count()).isZero();
	}

	/** A client that keeps its session cookie, as a browser does. */
	final class Browser {

		final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		final String user;

		Browser(String user) {
			this.user = user;
		}

		HttpResponse<String> get(String path) throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create(api.base() + path))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
				.GET().build(), HttpResponse.BodyHandlers.ofString());
		}

	}

	@Test
	void otherRolesAreRefusedAndAnonymousBrowsersAreSentToTheLoginPage() {
		assertThat(api.get("agent", "/camunda/app/cockpit/default/").status()).isEqualTo(403);
		assertThat(api.get("supervisor", "/camunda/api/admin/auth/user/default").status()).isEqualTo(403);

		Api.Response anonymous = api.get(null, "/camunda/app/cockpit/default/");
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.header("Location")).endsWith("/login");
	}

	@Test
	void theRootStaysTheOpenWdUi() {
		Api.Response root = api.get(null, "/");

		assertThat(root.status()).isEqualTo(200);
		assertThat(root.header("Location")).isNull();
	}

}
