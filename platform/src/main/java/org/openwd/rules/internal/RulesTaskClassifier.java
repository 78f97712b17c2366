package org.openwd.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.openwd.rules.RoutingProfile;
import org.openwd.rules.calendar.BusinessCalendar;
import org.openwd.rules.internal.RuleCatalog.Versioned;
import org.openwd.rules.internal.dmn.ClassificationDecision;
import org.openwd.task.TaskClassifier;
import org.openwd.task.TaskSnapshot;
import org.springframework.stereotype.Component;

/**
 * Classifies tasks with the active DMN table, then applies the chosen routing profile: SLA due time in business time
 * of the profile's calendar and the warning window. Anything that cannot be decided sends the task to ERROR_HELD with
 * the reason, recording the table version that was tried.
 */
@Component
class RulesTaskClassifier implements TaskClassifier {

	private final RuleCatalog catalog;

	RulesTaskClassifier(RuleCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Classifies; when that fails, checks once whether another node changed the rules since this node last looked (a
	 * cheap fingerprint query, only on failure) and, if so, tries again with the fresh rules.
	 */
	@Override
	public Classification classify(TaskSnapshot task) {
		long generation = catalog.generation();
		Classification result = classifyWithCachedRules(task);
		if (result instanceof Classification.Unclassifiable) {
			// another node may have changed the rules; and if a concurrent capture reloaded them meanwhile, this
			// attempt read the stale ones: either way, try once more with what is current
			boolean changed = catalog.refresh();
			if (changed || catalog.generation() != generation) {
				return classifyWithCachedRules(task);
			}
		}
		return result;
	}

	private Classification classifyWithCachedRules(TaskSnapshot task) {
		Optional<Versioned<ClassificationDecision>> active = catalog.decision(ClassificationDecision.KEY);
		if (active.isEmpty()) {
			return new Classification.Unclassifiable("No classification table is deployed", null);
		}
		String decisionRef = ClassificationDecision.KEY + ":v" + active.get().version();
		Map<String, Object> outputs;
		try {
			Optional<Map<String, Object>> result = active.get().value().evaluate(inputs(task));
			if (result.isEmpty()) {
				return new Classification.Unclassifiable("No classification rule matched (type=%s, customerSegment=%s, source=%s)"
					.formatted(task.type(), task.customerSegment(), task.sourceSystem()), decisionRef);
			}
			outputs = result.get();
		}
		catch (RuntimeException ex) {
			return new Classification.Unclassifiable("Classification failed: " + ex.getMessage(), decisionRef);
		}
		String profileName = text(outputs.get("routingProfile"));
		if (profileName == null) {
			return new Classification.Unclassifiable("The matching rule names no routing profile", decisionRef);
		}
		Optional<Versioned<RoutingProfile>> profile = catalog.profile(profileName);
		if (profile.isEmpty()) {
			return new Classification.Unclassifiable("Routing profile '%s' does not exist".formatted(profileName), decisionRef);
		}
		RoutingProfile rp = profile.get().value();
		Optional<Versioned<BusinessCalendar>> calendar = catalog.calendar(rp.calendar());
		if (calendar.isEmpty()) {
			return new Classification.Unclassifiable(
					"Business calendar '%s' of routing profile '%s' does not exist".formatted(rp.calendar(), profileName), decisionRef);
		}
		Duration sla;
		try {
			String slaText = text(outputs.get("sla"));
			sla = slaText != null ? Duration.parse(slaText) : rp.sla().duration();
		}
		catch (DateTimeParseException ex) {
			return new Classification.Unclassifiable("The rule's sla '%s' is not an ISO-8601 duration such as PT4H"
				.formatted(outputs.get("sla")), decisionRef);
		}
		Instant start = task.capturedAt();
		BusinessCalendar hours = calendar.get().value();
		Instant due;
		Instant warningAt = null;
		Duration warningBefore = rp.sla().warningBefore();
		if (rp.sla().useSourceDueTime() && task.sourceDueTime() != null || sla == null) {
			due = task.sourceDueTime();
			if (due != null && warningBefore != null) {
				warningAt = due.minus(warningBefore);
			}
		}
		else {
			due = hours.plus(start, sla);
			if (warningBefore != null) {
				warningAt = warningBefore.compareTo(sla) >= 0 ? start : hours.plus(start, sla.minus(warningBefore));
			}
		}
		Integer value = outputs.get("businessValue") instanceof Number n ? Integer.valueOf(n.intValue()) : task.businessValue();
		String skillsText = text(outputs.get("requiredSkills"));
		Set<String> skills = skillsText == null ? task.requiredSkills()
				: Arrays.stream(skillsText.split(",")).map(String::trim).filter(s -> !s.isEmpty())
					.collect(Collectors.toCollection(LinkedHashSet::new));
		String department = text(outputs.get("department"));
		String process = text(outputs.get("process"));
		return new Classification.Classified(department != null ? department : task.department(),
				process != null ? process : task.process(), value, skills, due, warningAt, profileName,
				decisionRef + "/" + profileName + ":v" + profile.get().version());
	}

	static Map<String, Object> inputs(TaskSnapshot task) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("sourceSystem", task.sourceSystem());
		inputs.put("type", task.type());
		inputs.put("customerSegment", task.customerSegment());
		inputs.put("customerId", task.customerId());
		inputs.put("businessValue", task.businessValue());
		inputs.put("department", task.department());
		inputs.put("process", task.process());
		Object channel = task.attributes().get("channel");
		inputs.put("channel", channel == null ? null : channel.toString());
		Object amount = task.attributes().get("amount");
		inputs.put("amount", number(amount));
		inputs.put("attributes", task.attributes());
		return inputs;
	}

	private static Double number(Object value) {
		if (value instanceof Number n) {
			return n.doubleValue();
		}
		if (value instanceof String s) {
			try {
				return Double.valueOf(s.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static String text(Object value) {
		return value == null || value.toString().isBlank() ? null : value.toString().trim();
	}

}
