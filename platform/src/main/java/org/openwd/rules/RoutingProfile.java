package org.openwd.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How one kind of work is prioritised, timed and routed; edited by process owners at run time.
 *
 * @param name unique name, referenced by classification (e.g. {@code claims-standard})
 * @param description what the profile is for
 * @param virtualQueue reporting queue name
 * @param priority priority growth and boosts
 * @param sla service level: due time and warning
 * @param calendar name of the business calendar that SLA durations count in
 * @param offerTimeout how long an employee has to accept an offer
 * @param autoAccept offers are accepted on the employee's behalf
 * @param targets the cascade: who may take the task, widening as it waits
 * @param borrowBelowPercent use other teams' people while this work's service level today is below this
 * @param lendAtOrAbovePercent lend this team's people only while its own service level is at or above this
 * @param campaigns temporary boosts with an end time
 * @param channel the capacity channel its tasks use (e.g. {@code case}, {@code email}); default {@code case}
 * @param expectedHandleTime typical handling time, for shift-end awareness; {@code null} = unknown
 */
public record RoutingProfile(String name, String description, String virtualQueue, Priority priority, Sla sla, String calendar,
		Duration offerTimeout, Boolean autoAccept, List<Target> targets, Integer borrowBelowPercent,
		Integer lendAtOrAbovePercent, List<Campaign> campaigns, String channel, Duration expectedHandleTime) {

	public RoutingProfile {
		channel = channel == null || channel.isBlank() ? "case" : channel;
		autoAccept = autoAccept != null && autoAccept;
		targets = targets == null ? List.of() : List.copyOf(targets);
		campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
	}

	/**
	 * Effective priority = min(max, start + increment x floor(waiting / interval)) + round(valueWeight x businessValue),
	 * plus SLA boosts and overrides (docs/priority.md).
	 */
	public record Priority(Integer start, Integer increment, Duration interval, Integer max, Double valueWeight) {

		public Priority {
			increment = increment == null ? 0 : increment;
			valueWeight = valueWeight == null ? 0.0 : valueWeight;
		}

	}

	/**
	 * @param duration time to resolve, in business time of the profile's calendar; {@code null} = the source's due time
	 * @param useSourceDueTime take the source's due time when it sends one (else {@code duration} applies)
	 * @param warningBefore the warning window before the due time (business time)
	 */
	public record Sla(Duration duration, Boolean useSourceDueTime, Duration warningBefore) {

		public Sla {
			useSourceDueTime = useSourceDueTime != null && useSourceDueTime;
		}

	}

	/**
	 * One step of the cascade.
	 * @param skills who qualifies, e.g. {@code policy_service>=10}
	 * @param waitBeforeWidening how long the task stays on this step before the next applies ({@code null} on the last)
	 */
	public record Target(String skills, Duration waitBeforeWidening) {
	}

	/** A temporary boost for all tasks of the profile. */
	public record Campaign(String name, int boost, Instant endsAt) {
	}

	/** Every problem of this definition, naming the field; empty when valid. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
			problems.add("name: must be 1-100 lower-case letters, digits, '.', '_' or '-'");
		}
		if (priority == null) {
			problems.add("priority: is required");
		}
		else {
			if (priority.interval() == null || priority.interval().isZero() || priority.interval().isNegative()) {
				problems.add("priority.interval: must be a positive duration such as PT20S");
			}
			if (priority.increment() < 0) {
				problems.add("priority.increment: must not be negative");
			}
			if (priority.start() == null) {
				problems.add("priority.start: is required");
			}
			if (priority.max() == null) {
				problems.add("priority.max: is required");
			}
			if (priority.start() != null && priority.max() != null) {
				if (priority.max() < priority.start()) {
					problems.add("priority.max: must be at least priority.start");
				}
				if (priority.start() < 0 || priority.max() > 100_000) {
					problems.add("priority: start and max must lie within 0..100000");
				}
			}
			if (priority.valueWeight() < 0 || priority.valueWeight() > 100) {
				problems.add("priority.valueWeight: must lie within 0..100");
			}
		}
		if (sla == null) {
			problems.add("sla: is required");
		}
		else {
			if (sla.duration() == null && !sla.useSourceDueTime()) {
				problems.add("sla.duration: is required unless sla.useSourceDueTime is true");
			}
			if (sla.duration() != null && (sla.duration().isZero() || sla.duration().isNegative())) {
				problems.add("sla.duration: must be positive");
			}
			if (sla.warningBefore() != null && sla.warningBefore().isNegative()) {
				problems.add("sla.warningBefore: must not be negative");
			}
		}
		if (offerTimeout != null && (offerTimeout.isNegative() || offerTimeout.isZero())) {
			problems.add("offerTimeout: must be positive");
		}
		if (targets.isEmpty()) {
			problems.add("targets: at least one target is required (use \"*\" for everyone)");
		}
		for (int i = 0; i < targets.size(); i++) {
			Target target = targets.get(i);
			try {
				SkillExpression.parse(target == null ? null : target.skills());
			}
			catch (IllegalArgumentException ex) {
				problems.add("targets[%d].skills: %s".formatted(i, ex.getMessage()));
			}
			boolean last = i == targets.size() - 1;
			if (target != null && !last && (target.waitBeforeWidening() == null || target.waitBeforeWidening().isNegative())) {
				problems.add("targets[%d].waitBeforeWidening: is required on every target but the last".formatted(i));
			}
		}
		checkPercent(problems, "borrowBelowPercent", borrowBelowPercent);
		checkPercent(problems, "lendAtOrAbovePercent", lendAtOrAbovePercent);
		for (int i = 0; i < campaigns.size(); i++) {
			Campaign campaign = campaigns.get(i);
			if (campaign == null || campaign.name() == null || campaign.name().isBlank()) {
				problems.add("campaigns[%d].name: is required".formatted(i));
			}
			if (campaign != null && campaign.endsAt() == null) {
				problems.add("campaigns[%d].endsAt: is required".formatted(i));
			}
		}
		return problems;
	}

	private static void checkPercent(List<String> problems, String field, Integer value) {
		if (value != null && (value < 0 || value > 100)) {
			problems.add(field + ": must lie within 0..100");
		}
	}

	/** The cascade step a task is on after waiting this long (0-based), and the parsed expression of each step. */
	public int targetIndexAfter(Duration waited) {
		Duration elapsed = Duration.ZERO;
		for (int i = 0; i < targets.size() - 1; i++) {
			elapsed = elapsed.plus(targets.get(i).waitBeforeWidening());
			if (waited.compareTo(elapsed) < 0) {
				return i;
			}
		}
		return targets.size() - 1;
	}

}
