package org.openwd.task.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openwd.common.web.ApiLimits;
import org.openwd.common.web.FieldProblem;
import org.openwd.common.web.InvalidRequestException;
import org.openwd.common.web.PayloadTooLargeException;
import org.openwd.common.web.Problems;
import org.openwd.common.web.StrictJsonBinder;
import org.openwd.task.NewTask;
import org.openwd.task.internal.TaskChanges;
import org.openwd.task.internal.TaskLifecycleService;
import org.openwd.task.CaptureResult;
import org.openwd.task.web.TaskRequests.CaptureTask;
import org.openwd.task.web.TaskRequests.UpdateTask;
import org.openwd.task.web.TaskResponses.BatchItemResult;
import org.openwd.task.web.TaskResponses.BatchResult;
import org.openwd.task.web.TaskResponses.TaskResponse;
import org.springframework.stereotype.Component;

/** Turns API requests into validated domain input; validates batch items one by one. */
@Component
class CaptureRequestMapper {

	private final ObjectMapper mapper;

	private final StrictJsonBinder binder;

	private final ApiLimits limits;

	private final TaskLifecycleService tasks;

	CaptureRequestMapper(ObjectMapper mapper, StrictJsonBinder binder, ApiLimits limits, TaskLifecycleService tasks) {
		this.mapper = mapper;
		this.binder = binder;
		this.limits = limits;
		this.tasks = tasks;
	}

	CaptureTask bindCapture(JsonNode body) {
		return binder.bind(body, CaptureTask.class);
	}

	TaskRequests.PriorityOverride bindPriority(JsonNode body) {
		return binder.bind(body, TaskRequests.PriorityOverride.class);
	}

	UpdateTask bindUpdate(JsonNode body) {
		return binder.bind(body, UpdateTask.class);
	}

	/** Converts a bean-validated capture request, checking what bean validation cannot (attribute size). */
	NewTask toNewTask(CaptureTask request, String fieldPrefix) {
		List<FieldProblem> problems = attributeProblems(request.attributes(), fieldPrefix + "attributes");
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		Set<String> skills = request.requiredSkills() == null ? Set.of() : new LinkedHashSet<>(request.requiredSkills());
		return new NewTask(request.sourceSystem(), request.externalId(), request.type(), request.title(),
				request.description(), request.customerId(), request.customerSegment(), request.businessValue(),
				request.createdAt(), request.activationTime(), request.dueTime(), request.department(), request.process(),
				skills, request.attributes());
	}

	TaskChanges toChanges(UpdateTask request) {
		List<FieldProblem> problems = attributeProblems(request.attributes(), "attributes");
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new TaskChanges(request.title(), request.description(), request.customerSegment(),
				request.businessValue(), request.dueTime(), request.activationTime(), request.attributes());
	}

	BatchResult captureBatch(JsonNode body, String actor) {
		if (body == null || !body.isArray()) {
			throw new InvalidRequestException("(body)", "must be a JSON array of capture requests");
		}
		if (body.size() > limits.maxBatchItems()) {
			throw new PayloadTooLargeException(limits.maxBatchItems()) {
				@Override
				public String getMessage() {
					return "A batch holds at most %d items; this one has %d".formatted(limits.maxBatchItems(), body.size());
				}
			};
		}
		BatchItemResult[] results = new BatchItemResult[body.size()];
		List<NewTask> valid = new ArrayList<>();
		List<Integer> validIndexes = new ArrayList<>();
		for (int i = 0; i < body.size(); i++) {
			String prefix = "[" + i + "].";
			try {
				CaptureTask request = binder.bind(body.get(i), CaptureTask.class, prefix);
				valid.add(toNewTask(request, prefix));
				validIndexes.add(i);
			}
			catch (InvalidRequestException ex) {
				results[i] = new BatchItemResult(i, 400, null, Problems.invalid(ex.problems()));
			}
		}
		List<CaptureResult> captured = valid.isEmpty() ? List.of() : tasks.captureBatch(valid, actor);
		int created = 0;
		int existing = 0;
		for (int k = 0; k < captured.size(); k++) {
			CaptureResult c = captured.get(k);
			int index = validIndexes.get(k);
			results[index] = new BatchItemResult(index, c.created() ? 201 : 200, TaskResponse.of(c.task()), null);
			if (c.created()) {
				created++;
			}
			else {
				existing++;
			}
		}
		return new BatchResult(created, existing, body.size() - created - existing, List.of(results));
	}

	private List<FieldProblem> attributeProblems(Map<String, Object> attributes, String field) {
		if (attributes == null) {
			return List.of();
		}
		try {
			int size = mapper.writeValueAsBytes(attributes).length;
			if (size > limits.maxAttributesSize().toBytes()) {
				return List.of(new FieldProblem(field, "is %d bytes when serialised; at most %d allowed".formatted(size,
						limits.maxAttributesSize().toBytes())));
			}
			return List.of();
		}
		catch (JsonProcessingException ex) {
			return List.of(new FieldProblem(field, "cannot be serialised as JSON"));
		}
	}

}
