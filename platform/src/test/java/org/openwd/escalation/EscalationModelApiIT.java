package org.openwd.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.springframework.core.io.ClassPathResource;

/**
 * Process owners change escalation through the API: validate, deploy a version per routing profile (new tasks follow
 * it), list versions, roll back, migrate running instances; an invalid model is refused with a problem naming the
 * element and changes nothing. Uses the billing profile (invoices), which no other test escalates.
 */
class EscalationModelApiIT extends EscalationSupport {

	static final String PROFILE = "billing";

	static String defaultModel() {
		try (InputStream in = new ClassPathResource("openwd/bpmn/escalation-default.bpmn").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The default model with another warning boost. */
	static String withWarningBoost(int boost) {
		return defaultModel().replace("<camunda:inputParameter name=\"boost\">50</camunda:inputParameter>",
				"<camunda:inputParameter name=\"boost\">" + boost + "</camunda:inputParameter>");
	}

	Api.Response postXml(String user, String path, String xml) {
		return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + path))
			.POST(HttpRequest.BodyPublishers.ofString(xml)), Map.of("Content-Type", "application/xml"));
	}

	Api.Response upload(String user, String path, String fileName, String xml) {
		String boundary = "openwd-" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
		return api.send(user, HttpRequest.newBuilder(URI.create(api.base() + path))
			.POST(HttpRequest.BodyPublishers.ofString(body)), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
	}

	Api.Response deploy(String xml) {
		return postXml("owner", "/api/v1/escalation/profiles/" + PROFILE + "/models?comment=test", xml);
	}

	String captureInvoice() {
		Map<String, Object> body = Api.newTask("esc-api");
		body.put("type", "invoice");
		body.put("attributes", Map.of("amount", 120));
		Api.Response created = api.post("connector", "/api/v1/tasks", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("routingProfile")).isEqualTo(PROFILE);
		return created.text("id");
	}

	int versionCount() {
		return api.get("owner", "/api/v1/escalation/profiles/" + PROFILE + "/models").body().size();
	}

	long camundaDeployments() {
		return engine.getRepositoryService().createDeploymentQuery().count();
	}

	@Test
	void validatesTheDefaultModelAndListsTheActionsItCalls() {
		Api.Response response = postXml("owner", "/api/v1/escalation/models/validate", defaultModel());

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("valid").asBoolean()).isTrue();
		assertThat(response.text("processKey")).isEqualTo("openwd-escalation");
		assertThat(response.body().path("actions").toString()).contains("raisePriority", "notifySupervisors", "widenTarget",
				"markOverdue", "loadTask");

		Api.Response uploaded = upload("owner", "/api/v1/escalation/models/validate", "mine.bpmn", defaultModel());
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
	}

	@Test
	void refusesAModelThatCallsAnUnknownActionNamingTheElementAndTheKnownActions() {
		int versions = versionCount();
		long deployments = camundaDeployments();

		Api.Response response = deploy(defaultModel().replace("${raisePriority}", "${sendFax}"));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/invalid-escalation-model");
		JsonNode error = response.body().path("errors").get(0);
		assertThat(error.path("field").asText()).isEqualTo("Task_RaisePriority.delegateExpression");
		assertThat(error.path("message").asText()).contains("${sendFax}", "raisePriority", "notifySupervisors",
				"createFollowUpTask");
		assertThat(versionCount()).as("nothing deployed").isEqualTo(versions);
		assertThat(camundaDeployments()).isEqualTo(deployments);
	}

	@Test
	void refusesWhatCamundaCannotParseWithCamundasMessage() {
		long deployments = camundaDeployments();
		String noTimerDefinition = defaultModel()
			.replace("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${slaWarningAt}</bpmn:timeDate>", "");

		Api.Response response = deploy(noTimerDefinition);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		JsonNode error = response.body().path("errors").get(0);
		assertThat(error.path("field").asText()).isIn("Timer_SlaWarning", "TimerDefinition_SlaWarning");
		assertThat(error.path("message").asText()).containsIgnoringCase("timer");

		Api.Response broken = deploy("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">");
		assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
		assertThat(broken.body().path("errors").get(0).path("field").asText()).isEqualTo("(body)");
		assertThat(camundaDeployments()).isEqualTo(deployments);
	}

	@Test
	void refusesAModelWithoutTheCloseCorrelationOrWithCode() {
		String model = defaultModel();
		String withoutClose = model.substring(0, model.indexOf("<bpmn:subProcess"))
				+ model.substring(model.indexOf("</bpmn:subProcess>") + "</bpmn:subProcess>".length());
		withoutClose = withoutClose.replaceAll("<bpmndi:BPMN(Shape|Edge) id=\"(EventSubProcess_TaskClosed|StartEvent_TaskClosed|"
				+ "EndEvent_TaskClosed|Flow_ToTaskClosedEnd)_di\".*?</bpmndi:BPMN(Shape|Edge)>", "");

		Api.Response response = deploy(withoutClose);
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.body().path("errors").toString()).contains("openwd-escalation.taskClosed",
				"openwd.task.closed");

		Api.Response withClass = deploy(model.replace("camunda:delegateExpression=\"${markOverdue}\"",
				"camunda:class=\"java.lang.Runtime\""));
		assertThat(withClass.status()).as(withClass.toString()).isEqualTo(400);
		assertThat(withClass.body().path("errors").get(0).path("field").asText()).isEqualTo("Task_MarkOverdue.implementation");
	}

	@Test
	void refusesAnUnknownProfile() {
		Api.Response response = postXml("owner", "/api/v1/escalation/profiles/no-such-profile/models", defaultModel());

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("profile");
	}

	@Test
	void newTasksFollowADeployedVersionAndRollBackMakesAnOlderOneCurrentAgain() {
		Api.Response first = deploy(withWarningBoost(80));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		int v1 = first.body().path("version").asInt();
		assertThat(first.body().path("active").asBoolean()).isTrue();
		assertThat(first.body().path("deployedBy").asText()).isEqualTo("owner");

		String onV1 = captureInvoice();
		String instance = awaitWaitingAt(onV1, "Timer_SlaWarning");
		assertThat(escalation(onV1).path("profile").asText()).isEqualTo(PROFILE);
		assertThat(escalation(onV1).path("modelVersion").asInt()).isEqualTo(v1);
		passNextTimer(instance);
		awaitWaitingAt(onV1, "Timer_SlaBreach");
		assertThat(task(onV1).path("task").path("priorityBoost").asInt()).isEqualTo(80);

		Api.Response second = upload("owner", "/api/v1/escalation/profiles/" + PROFILE + "/models", "billing-v2.bpmn",
				withWarningBoost(70));
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		int v2 = second.body().path("version").asInt();
		assertThat(v2).isEqualTo(v1 + 1);
		JsonNode versions = api.get("supervisor", "/api/v1/escalation/profiles/" + PROFILE + "/models").body();
		assertThat(versions.get(0).path("version").asInt()).isEqualTo(v2);
		assertThat(versions.get(0).path("active").asBoolean()).isTrue();
		assertThat(versions.get(1).path("active").asBoolean()).isFalse();
		assertThat(api.get("owner", "/api/v1/escalation/profiles/" + PROFILE + "/models/" + v2 + "/bpmn").raw().body())
			.contains("<camunda:inputParameter name=\"boost\">70</camunda:inputParameter>");

		Api.Response rolledBack = api.post("owner", "/api/v1/escalation/profiles/" + PROFILE + "/models/" + v1 + "/activate",
				Map.of());
		assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
		assertThat(rolledBack.body().path("active").asBoolean()).isTrue();

		String afterRollBack = captureInvoice();
		awaitWaitingAt(afterRollBack, "Timer_SlaWarning");
		assertThat(escalation(afterRollBack).path("modelVersion").asInt()).isEqualTo(v1);
		assertThat(escalation(onV1).path("modelVersion").asInt()).as("running instances stay on theirs").isEqualTo(v1);

		JsonNode profiles = api.get("owner", "/api/v1/escalation/profiles").body();
		assertThat(profiles.toString()).contains("\"profile\":\"default\"", "\"profile\":\"" + PROFILE + "\"");
	}

	@Test
	void migratesRunningInstancesExplicitlyAndRefusesVersionsThatCannotBeMapped() {
		int from = deploy(withWarningBoost(60)).body().path("version").asInt();
		String id = captureInvoice();
		String instance = awaitWaitingAt(id, "Timer_SlaWarning");
		int to = deploy(withWarningBoost(65)).body().path("version").asInt();
		assertThat(escalation(id).path("modelVersion").asInt()).isEqualTo(from);

		Api.Response migrated = api.post("owner", "/api/v1/escalation/profiles/" + PROFILE + "/migrations",
				Map.of("fromVersion", from, "toVersion", to));

		assertThat(migrated.status()).as(migrated.toString()).isEqualTo(200);
		assertThat(migrated.body().path("migrated").asLong()).isGreaterThanOrEqualTo(1);
		String toDefinition = api.get("owner", "/api/v1/escalation/profiles/" + PROFILE + "/models/" + to).body()
			.path("processDefinitionId").asText();
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
			.getProcessDefinitionId()).isEqualTo(toDefinition);
		assertThat(escalation(id).path("modelVersion").asInt()).isEqualTo(to);
		passNextTimer(instance);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(task(id).path("task").path("priorityBoost").asInt()).as("the new version's boost").isEqualTo(65));

		int renamed = deploy(withWarningBoost(65).replace("Timer_SlaWarning", "Timer_Warning")).body().path("version").asInt();
		String other = captureInvoice();
		awaitWaitingAt(other, "Timer_Warning");
		int next = deploy(withWarningBoost(66)).body().path("version").asInt();
		Api.Response refused = api.post("owner", "/api/v1/escalation/profiles/" + PROFILE + "/migrations",
				Map.of("fromVersion", renamed, "toVersion", next));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.text("type")).isEqualTo("https://openwd.org/problems/migration-refused");
		assertThat(escalation(other).path("modelVersion").asInt()).isEqualTo(renamed);

		Api.Response missing = api.post("owner", "/api/v1/escalation/profiles/" + PROFILE + "/migrations", Map.of("toVersion", to));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body().path("errors").get(0).path("field").asText()).isEqualTo("fromVersion");
	}

	@Test
	void listsTheActionCatalogue() {
		JsonNode actions = api.get("owner", "/api/v1/escalation/actions").body();

		assertThat(actions.findValuesAsText("name")).contains("raisePriority", "setPriority", "widenTarget", "narrowTarget",
				"moveToProfile", "notifySupervisors", "markOverdue", "holdTask", "cancelTask", "createFollowUpTask", "loadTask");
		assertThat(actions.toString()).contains("${raisePriority}");
	}

}
