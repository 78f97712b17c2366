package org.openwd.task.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.criteria.Predicate;

import org.openwd.task.TaskState;
import org.springframework.data.jpa.domain.Specification;

/** Filters of the global task list; every field is optional and they combine with AND. */
public record TaskFilter(Set<TaskState> states, String type, String department, String process, String sourceSystem,
		String customerId, Instant dueBefore, Instant dueAfter, String text) {

	Specification<Task> toSpecification() {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (states != null && !states.isEmpty()) {
				predicates.add(root.get("state").in(states));
			}
			equal(predicates, cb, root, "type", type);
			equal(predicates, cb, root, "department", department);
			equal(predicates, cb, root, "process", process);
			equal(predicates, cb, root, "sourceSystem", sourceSystem);
			equal(predicates, cb, root, "customerId", customerId);
			if (dueBefore != null) {
				predicates.add(cb.lessThan(root.get("dueTime"), dueBefore));
			}
			if (dueAfter != null) {
				predicates.add(cb.greaterThanOrEqualTo(root.get("dueTime"), dueAfter));
			}
			if (text != null && !text.isBlank()) {
				String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
						+ "%";
				predicates.add(cb.like(cb.lower(root.get("title")), pattern, '\\'));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	private static void equal(List<Predicate> predicates, jakarta.persistence.criteria.CriteriaBuilder cb,
			jakarta.persistence.criteria.Root<Task> root, String field, String value) {
		if (value != null && !value.isBlank()) {
			predicates.add(cb.equal(root.get(field), value));
		}
	}

}
