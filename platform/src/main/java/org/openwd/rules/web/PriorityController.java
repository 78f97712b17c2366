package org.openwd.rules.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.openwd.common.web.InvalidRequestException;
import org.openwd.rules.internal.QueueOrdering;
import org.openwd.rules.internal.QueueOrdering.Ranked;
import org.openwd.rules.priority.PriorityExplanation;
import org.openwd.task.TaskId;
import org.openwd.task.TaskNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Effective priority "now, and why", and the best tasks for a set of skills: for the inbox, supervisors and debugging. */
@RestController
@Tag(name = "Priority", description = "Effective priority, its explanation, and the queue in priority order")
class PriorityController {

	private final QueueOrdering ordering;

	PriorityController(QueueOrdering ordering) {
		this.ordering = ordering;
	}

	/**
	 * @param taskId the task
	 * @param state its state
	 * @param routingProfile its routing profile
	 * @param total the effective priority points (sum of the contributions)
	 * @param tier 0 normal, 1 inside the SLA warning window, 2 overdue, +3 when pinned: a higher tier always wins
	 * @param tierReason why the task is in its tier
	 * @param contributions each term of the formula, adding up to {@code total}
	 * @param waitingSince when aging started
	 * @param cascadeStep which cascade target applies now (0-based)
	 * @param currentTarget who may take it now (skill expression)
	 */
	record PriorityView(String taskId, String state, String routingProfile, long total, int tier, String tierReason,
			List<PriorityExplanation.Contribution> contributions, Instant waitingSince, int cascadeStep, String currentTarget,
			String title, Instant dueTime) {

		static PriorityView of(Ranked ranked) {
			PriorityExplanation e = ranked.explanation();
			return new PriorityView(ranked.task().id().toString(), ranked.task().state().name(), ranked.task().routingProfile(),
					e.total(), e.rank().tier(), e.tierReason(), e.contributions(), e.rank().waitingSince(), ranked.targetIndex(),
					ranked.target(), ranked.task().title(), ranked.task().dueTime());
		}

	}

	@GetMapping(path = "/api/v1/tasks/{id}/priority", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('SUPERVISOR','PROCESS_OWNER','ADMIN')")
	@Operation(summary = "Effective priority of a task now, and why", description = "Each contribution of the formula "
			+ "(docs/priority.md); they add up to the total.")
	PriorityView explain(@PathVariable UUID id) {
		return ordering.explain(new TaskId(id)).map(PriorityView::of)
			.orElseThrow(() -> new TaskNotFoundException(id + " with a routing profile"));
	}

	@GetMapping(path = "/api/v1/queue/top", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('SUPERVISOR','PROCESS_OWNER','ADMIN')")
	@Operation(summary = "The best queued tasks now", description = "In the order the distribution engine offers them. "
			+ "With skills, only tasks whose current cascade target those proficiencies satisfy (and whose required skills "
			+ "they hold): what that employee would get next.")
	List<PriorityView> top(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int n,
			@Parameter(description = "Proficiencies as skill:level pairs, e.g. claims:8,water:5") @RequestParam(required = false) String skills) {
		List<Ranked> ranked = skills == null ? ordering.top(n) : ordering.topFor(parseSkills(skills), n);
		return ranked.stream().map(PriorityView::of).toList();
	}

	static Map<String, Integer> parseSkills(String text) {
		Map<String, Integer> skills = new HashMap<>();
		for (String pair : text.split(",")) {
			String[] parts = pair.trim().split(":");
			try {
				int level = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
				if (parts.length != 2 || parts[0].isBlank() || level < 0 || level > 10) {
					throw new NumberFormatException();
				}
				skills.put(parts[0].trim().toLowerCase(Locale.ROOT), level);
			}
			catch (NumberFormatException ex) {
				throw new InvalidRequestException("skills", "'%s' is not skill:level with a level of 0-10".formatted(pair.trim()));
			}
		}
		return skills;
	}

}
