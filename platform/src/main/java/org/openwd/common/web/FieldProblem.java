package org.openwd.common.web;

/**
 * One offending field of a request.
 * @param field the field's path in the request (e.g. {@code title}, {@code requiredSkills[2]}, query parameter {@code state})
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {
}
