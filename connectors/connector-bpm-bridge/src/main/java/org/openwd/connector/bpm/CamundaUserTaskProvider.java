package org.openwd.connector.bpm;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;

import org.openwd.connector.api.ConnectorProvider;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;
import org.openwd.connector.mapping.ItemMapping;

/**
 * {@code type=camunda}: the bridge to a Camunda 7 engine: the one embedded in the platform (found through
 * {@link ProcessEngines}, by {@code settings.engine}, default the default engine), or a remote one when
 * {@code settings.rest-url} names its REST API (e.g. {@code http://bpm.example:8080/engine-rest}, with optional
 * {@code settings.username}, {@code settings.password} for HTTP Basic and {@code settings.timeout}, default PT10S). Settings:
 * {@code process-definition-keys} (comma-separated; required, so the bridge never picks up other modules' processes),
 * {@code variables} (process variables offered to the mapping as {@code var.NAME}), {@code poll-interval} (PT2S).
 * Without a mapping, it maps {@code externalId=id}, {@code title=name}, {@code type=taskDefinitionKey},
 * {@code dueTime=due}, {@code attributes.processInstanceId=processInstanceId}. Write-back {@code type=camunda}
 * ({@code write-back.settings.outcome-variable}, default {@code outcome}) completes the user task.
 */
public final class CamundaUserTaskProvider implements ConnectorProvider {

	@Override
	public String type() {
		return "camunda";
	}

	private static ProcessEngine engine(Map<String, String> settings) {
		String name = settings.getOrDefault("engine", ProcessEngines.NAME_DEFAULT);
		ProcessEngine engine = ProcessEngines.getProcessEngine(name, false);
		if (engine == null) {
			throw new IllegalStateException("no Camunda process engine named " + name + " runs in this JVM");
		}
		return engine;
	}

	@Override
	public ConnectorSource createSource(Instance instance) {
		String keys = instance.settings().get("process-definition-keys");
		if (keys == null || keys.isBlank()) {
			throw new IllegalArgumentException("settings.process-definition-keys is required");
		}
		Map<String, String> mapping = instance.mapping();
		if (mapping.isEmpty()) {
			mapping = new LinkedHashMap<>();
			mapping.put("externalId", "id");
			mapping.put("title", "name");
			mapping.put("type", "taskDefinitionKey");
			mapping.put("dueTime", "due");
			mapping.put("attributes.processInstanceId", "processInstanceId");
		}
		return new CamundaUserTaskSource(instance.name(), userTasks(instance.settings()), split(keys),
				split(instance.settings().getOrDefault("variables", "")), ItemMapping.of(instance.sourceSystem(), mapping),
				Duration.parse(instance.settings().getOrDefault("poll-interval", "PT2S")), instance.clock());
	}

	@Override
	public WriteBack createWriteBack(Instance instance) {
		Map<String, String> settings = instance.settings();
		return new CamundaUserTaskWriteBack(userTasks(settings),
				instance.writeBackSettings().getOrDefault("outcome-variable", "outcome"));
	}

	static UserTasks userTasks(Map<String, String> settings) {
		String rest = settings.get("rest-url");
		if (rest != null && !rest.isBlank()) {
			return new RemoteUserTasks(rest, settings.get("username"), settings.get("password"),
					Duration.parse(settings.getOrDefault("timeout", "PT10S")));
		}
		return new EmbeddedUserTasks(() -> engine(settings).getTaskService());
	}

	private static List<String> split(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
	}

}
