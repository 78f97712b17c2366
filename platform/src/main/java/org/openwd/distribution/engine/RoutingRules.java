package org.openwd.distribution.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openwd.rules.SkillExpression;

/**
 * What the engine needs of a routing profile: the cascade, borrowing thresholds, channel and timings.
 *
 * @param name profile name
 * @param targets cascade steps, widest last
 * @param waits how long each step lasts before the next applies (one fewer than targets)
 * @param borrowBelowPercent borrow other departments' people while this profile's service level today is below this
 * @param lendAtOrAbovePercent a department lends only while its own service level today is at least this
 * @param channel capacity channel
 * @param expectedHandleTime typical handling time, or {@code null}
 * @param offerTimeout how long an offer stands
 * @param autoAccept offers are accepted on the employee's behalf
 */
public record RoutingRules(String name, List<SkillExpression> targets, List<Duration> waits, Integer borrowBelowPercent,
		Integer lendAtOrAbovePercent, String channel, Duration expectedHandleTime, Duration offerTimeout, boolean autoAccept) {

	public RoutingRules {
		targets = List.copyOf(targets);
		waits = List.copyOf(waits);
	}

	/** The cascade step in force after waiting since {@code since}. */
	public int step(Instant since, Instant now) {
		Instant boundary = since;
		for (int i = 0; i < waits.size(); i++) {
			boundary = boundary.plus(waits.get(i));
			if (now.isBefore(boundary)) {
				return i;
			}
		}
		return targets.size() - 1;
	}

	/** When the next step applies, or {@code null} on the last step. */
	public Instant nextWidening(Instant since, Instant now) {
		Instant boundary = since;
		for (Duration wait : waits) {
			boundary = boundary.plus(wait);
			if (now.isBefore(boundary)) {
				return boundary;
			}
		}
		return null;
	}

	/** Builds the rules from a cascade given as expression texts and waits. */
	public static RoutingRules of(String name, List<String> targets, List<Duration> waits, Integer borrowBelow,
			Integer lendAtOrAbove, String channel, Duration handle, Duration offerTimeout, boolean autoAccept) {
		List<SkillExpression> parsed = new ArrayList<>();
		targets.forEach(t -> parsed.add(SkillExpression.parse(t)));
		return new RoutingRules(name, parsed, waits, borrowBelow, lendAtOrAbove, channel, handle, offerTimeout, autoAccept);
	}

}
