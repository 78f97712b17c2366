package org.openwd.common.web;

import java.util.List;

/** A request that is well-formed JSON but breaks a rule not expressible as a bean constraint. Answered as 400. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidRequestException(List<FieldProblem> problems) {
		super(problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message()
				: problems.size() + " fields are invalid");
		this.problems = List.copyOf(problems);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

}
