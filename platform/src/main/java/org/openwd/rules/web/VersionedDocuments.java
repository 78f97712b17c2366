package org.openwd.rules.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openwd.common.web.FieldProblem;
import org.openwd.common.web.InvalidRequestException;
import org.openwd.common.web.StrictJsonBinder;
import org.openwd.rules.internal.ConfigStore;
import org.openwd.rules.web.DocumentResponses.Current;
import org.openwd.rules.web.DocumentResponses.RevisionSummary;
import org.springframework.http.ResponseEntity;

/**
 * The shared behaviour of the routing-profile and calendar APIs: strict binding, validation naming fields, optimistic
 * concurrency with ETag/If-Match, audit trail and restoring an old version as a new one.
 */
final class VersionedDocuments<T extends Record> {

	private final String kind;

	private final Class<T> type;

	private final ConfigStore store;

	private final StrictJsonBinder binder;

	private final ObjectMapper mapper;

	private final Function<T, List<String>> validator;

	VersionedDocuments(String kind, Class<T> type, ConfigStore store, StrictJsonBinder binder, ObjectMapper mapper,
			Function<T, List<String>> validator) {
		this.kind = kind;
		this.type = type;
		this.store = store;
		this.binder = binder;
		this.mapper = mapper;
		this.validator = validator;
	}

	List<Current<T>> list() {
		return store.list(kind).stream().map(this::current).toList();
	}

	ResponseEntity<Current<T>> get(String name) {
		ConfigStore.Document document = store.find(kind, name).orElseThrow(() -> notFound(name));
		return ResponseEntity.ok().eTag(etag(document.version())).body(current(document));
	}

	ResponseEntity<Current<T>> put(String name, JsonNode body, String ifMatch, String note, String actor,
			Function<T, String> nameOf) {
		T definition = binder.bind(body, type);
		List<FieldProblem> problems = new ArrayList<>();
		if (!name.equals(nameOf.apply(definition))) {
			problems.add(new FieldProblem("name", "must equal the name in the path ('" + name + "')"));
		}
		for (String problem : validator.apply(definition)) {
			int colon = problem.indexOf(": ");
			problems.add(colon > 0 ? new FieldProblem(problem.substring(0, colon), problem.substring(colon + 2))
					: new FieldProblem("(body)", problem));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		boolean existed = store.find(kind, name).isPresent();
		ConfigStore.Document saved = store.save(kind, name, write(definition), parseIfMatch(ifMatch), actor, note);
		Current<T> answer = current(saved);
		return (existed ? ResponseEntity.ok() : ResponseEntity.status(201)).eTag(etag(saved.version())).body(answer);
	}

	List<RevisionSummary> history(String name) {
		List<RevisionSummary> history = store.history(kind, name).stream()
			.map(r -> new RevisionSummary(r.version(), r.changedAt(), r.changedBy(), r.note()))
			.toList();
		if (history.isEmpty()) {
			throw notFound(name);
		}
		return history;
	}

	Current<T> revision(String name, int version) {
		ConfigStore.Revision revision = store.revision(kind, name, version)
			.orElseThrow(() -> new DocumentNotFoundException("%s %s has no version %d".formatted(kind, name, version)));
		return new Current<>(name, revision.version(), revision.changedAt(), revision.changedBy(), read(revision.definition()));
	}

	ResponseEntity<Current<T>> restore(String name, int version, String actor) {
		ConfigStore.Revision revision = store.revision(kind, name, version)
			.orElseThrow(() -> new DocumentNotFoundException("%s %s has no version %d".formatted(kind, name, version)));
		ConfigStore.Document saved = store.save(kind, name, revision.definition(), null, actor, "restored version " + version);
		return ResponseEntity.ok().eTag(etag(saved.version())).body(current(saved));
	}

	private Current<T> current(ConfigStore.Document document) {
		return new Current<>(document.name(), document.version(), document.updatedAt(), document.updatedBy(),
				read(document.definition()));
	}

	private T read(String json) {
		try {
			return mapper.readValue(json, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored " + kind + " is unreadable", ex);
		}
	}

	private String write(T definition) {
		try {
			return mapper.writeValueAsString(definition);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private DocumentNotFoundException notFound(String name) {
		return new DocumentNotFoundException("No %s named %s".formatted(kind, name));
	}

	static String etag(int version) {
		return "\"" + version + "\"";
	}

	static Integer parseIfMatch(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		try {
			return Integer.parseInt(ifMatch.trim().replace("W/", "").replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("If-Match", "must be the ETag of the document, e.g. \"3\"");
		}
	}

	/** Answered as 404. */
	static class DocumentNotFoundException extends RuntimeException {

		DocumentNotFoundException(String message) {
			super(message);
		}

	}

}
