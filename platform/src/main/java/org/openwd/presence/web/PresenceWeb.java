package org.openwd.presence.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.openwd.common.web.InvalidRequestException;
import org.openwd.common.web.StrictJsonBinder;
import org.openwd.presence.EmployeeSnapshot;
import org.openwd.presence.internal.EmployeeService;
import org.openwd.presence.web.PresenceResponses.EmployeeResponse;
import org.openwd.presence.web.PresenceResponses.PresenceHistoryItem;
import org.springframework.http.ResponseEntity;

/** What the presence controllers share: presence changes, history paging, ETags. */
final class PresenceWeb {

	static final String SIGNED_IN = "isAuthenticated()";

	/** Who may set their own presence. */
	static final String WORKERS = "hasAnyRole('AGENT','SUPERVISOR','ADMIN')";

	static final String SUPERVISORS = "hasAnyRole('SUPERVISOR','ADMIN')";

	private PresenceWeb() {
	}

	static ResponseEntity<EmployeeResponse> changePresence(EmployeeService employees, StrictJsonBinder binder, String id,
			JsonNode body, String actor) {
		PresenceRequests.PresenceChange change = binder.bind(body, PresenceRequests.PresenceChange.class);
		return ok(employees.changePresence(id, change.state(), change.reason(), actor));
	}

	static List<PresenceHistoryItem> history(EmployeeService employees, String id, Integer before, int limit) {
		return employees.history(id, before, limit).stream().map(PresenceHistoryItem::of).toList();
	}

	static ResponseEntity<EmployeeResponse> ok(EmployeeSnapshot employee) {
		return ResponseEntity.ok().eTag(etag(employee.version())).body(EmployeeResponse.of(employee));
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	static Long parseIfMatch(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
			return null;
		}
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		try {
			return Long.parseLong(value.replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("If-Match", "must be the ETag of the employee, e.g. \"3\"");
		}
	}

}
