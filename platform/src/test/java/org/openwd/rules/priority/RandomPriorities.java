package org.openwd.rules.priority;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Seeded random policies and subjects around a base instant, with deliberately few distinct values so that ties occur. */
final class RandomPriorities {

	private static final double[] WEIGHTS = { 0, 0, 0.1, 0.5, 1.37 };

	private static final Integer[] VALUES = { null, 0, 1, 73, 500, 999, 1000 };

	private static final int[] BOOSTS = { 0, 0, 0, 0, 5, -3, 1000 };

	private RandomPriorities() {
	}

	static PriorityPolicy policy(Random random, Instant base) {
		int start = random.nextInt(60);
		int increment = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(6);
		Duration interval = random.nextBoolean() ? Duration.ofSeconds(1 + random.nextInt(120))
				: Duration.ofMillis(1 + random.nextInt(90_000));
		int max = start + random.nextInt(120);
		List<CampaignBoost> campaigns = new ArrayList<>();
		if (random.nextInt(3) == 0) {
			campaigns.add(new CampaignBoost("profile-" + random.nextInt(3), random.nextInt(50) - 10, around(random, base)));
		}
		return new PriorityPolicy(start, increment, interval, max, WEIGHTS[random.nextInt(WEIGHTS.length)], campaigns);
	}

	static PrioritySubject subject(Random random, UUID id, Instant base) {
		Instant waitingSince = around(random, base);
		Instant warningAt = random.nextInt(3) == 0 ? around(random, base) : null;
		Instant dueTime = random.nextInt(3) == 0 ? around(random, base) : null;
		if (warningAt != null && dueTime != null && warningAt.isAfter(dueTime) && random.nextInt(4) != 0) {
			Instant swap = warningAt;
			warningAt = dueTime;
			dueTime = swap;
		}
		List<CampaignBoost> campaigns = new ArrayList<>();
		if (random.nextInt(8) == 0) {
			campaigns.add(new CampaignBoost("task-" + random.nextInt(2), 25, around(random, base)));
		}
		return new PrioritySubject(id, waitingSince, VALUES[random.nextInt(VALUES.length)], warningAt, dueTime,
				random.nextInt(20) == 0, BOOSTS[random.nextInt(BOOSTS.length)], campaigns);
	}

	/** An instant within an hour before and three hours after {@code base}, on whole seconds half of the time. */
	static Instant around(Random random, Instant base) {
		long millis = random.nextInt(4 * 3_600_000) - 3_600_000L;
		if (random.nextBoolean()) {
			millis -= millis % 1000;
		}
		return base.plusMillis(millis);
	}

}
