package org.openwd.rules.priority;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the priority of one queued task depends on, besides its profile's {@link PriorityPolicy}.
 *
 * @param taskId the task; the last tie-breaker
 * @param waitingSince when the task first became queued; aging counts from here and does not restart when an offer is
 * rejected or expires
 * @param businessValue 0..1000, or {@code null} (counts as 0)
 * @param warningAt start of the SLA warning window, or {@code null}
 * @param dueTime the SLA due time, or {@code null}
 * @param pinned pinned by a supervisor: outranks every task that is not pinned
 * @param supervisorBoost points added by a supervisor (negative holds the task back)
 * @param campaigns temporary boosts for this task alone; profile-wide campaigns belong in the policy
 */
public record PrioritySubject(UUID taskId, Instant waitingSince, Integer businessValue, Instant warningAt, Instant dueTime,
		boolean pinned, int supervisorBoost, List<CampaignBoost> campaigns) {

	public static final int MAX_BUSINESS_VALUE = 1000;

	public PrioritySubject {
		Objects.requireNonNull(taskId, "taskId");
		Objects.requireNonNull(waitingSince, "waitingSince");
		if (businessValue != null && (businessValue < 0 || businessValue > MAX_BUSINESS_VALUE)) {
			throw new IllegalArgumentException(
					"businessValue: must lie within 0.." + MAX_BUSINESS_VALUE + " (was " + businessValue + ")");
		}
		campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
	}

	/** A task queued at {@code waitingSince} with nothing else set. */
	public static PrioritySubject queued(UUID taskId, Instant waitingSince) {
		return new PrioritySubject(taskId, waitingSince, null, null, null, false, 0, List.of());
	}

	public PrioritySubject withBusinessValue(Integer value) {
		return new PrioritySubject(taskId, waitingSince, value, warningAt, dueTime, pinned, supervisorBoost, campaigns);
	}

	/** The SLA window; either may be {@code null}. */
	public PrioritySubject withSla(Instant warning, Instant due) {
		return new PrioritySubject(taskId, waitingSince, businessValue, warning, due, pinned, supervisorBoost, campaigns);
	}

	public PrioritySubject withPinned(boolean pin) {
		return new PrioritySubject(taskId, waitingSince, businessValue, warningAt, dueTime, pin, supervisorBoost, campaigns);
	}

	public PrioritySubject withSupervisorBoost(int boost) {
		return new PrioritySubject(taskId, waitingSince, businessValue, warningAt, dueTime, pinned, boost, campaigns);
	}

	public PrioritySubject withCampaigns(List<CampaignBoost> newCampaigns) {
		return new PrioritySubject(taskId, waitingSince, businessValue, warningAt, dueTime, pinned, supervisorBoost,
				newCampaigns);
	}

	/** This subject with one more task-level campaign. */
	public PrioritySubject withCampaign(CampaignBoost campaign) {
		List<CampaignBoost> more = new ArrayList<>(campaigns);
		more.add(campaign);
		return new PrioritySubject(taskId, waitingSince, businessValue, warningAt, dueTime, pinned, supervisorBoost, more);
	}

	/** The SLA stage at {@code now}. */
	public SlaStage slaStage(Instant now) {
		return SlaStage.at(warningAt, dueTime, now);
	}

	/** The sum of this task's campaign boosts still running at {@code now}. */
	public long campaignPoints(Instant now) {
		return CampaignBoost.activeSum(campaigns, now);
	}

}
