package org.openwd.rules.priority;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A temporary boost: {@code boost} points are added while {@code now < endsAt}, and nothing from {@code endsAt} on.
 *
 * @param name shown in explanations, e.g. {@code year-end}
 * @param boost points added while active; may be negative to hold work back
 * @param endsAt the first instant at which the boost no longer applies
 */
public record CampaignBoost(String name, int boost, Instant endsAt) {

	public CampaignBoost {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(endsAt, "endsAt");
	}

	/** Whether the boost applies at {@code now}. */
	public boolean activeAt(Instant now) {
		return now.isBefore(endsAt);
	}

	/** The sum of the boosts in {@code campaigns} still running at {@code now}. */
	public static long activeSum(List<CampaignBoost> campaigns, Instant now) {
		long sum = 0;
		for (CampaignBoost campaign : campaigns) {
			if (campaign.activeAt(now)) {
				sum += campaign.boost();
			}
		}
		return sum;
	}

}
