package org.openwd.connector.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.common.web.Problems;
import org.openwd.connector.api.ConnectorHealth;
import org.openwd.connector.internal.ConnectorHost;
import org.openwd.connector.internal.MalformedInputStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the hosted connectors: list with health, pause and resume, malformed input. */
@RestController
@RequestMapping(path = "/api/v1/connectors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Connectors", description = "Hosted connectors: health, counts, lag, last error; pause and resume")
class ConnectorController {

	static final String OPERATORS = "hasAnyRole('SUPERVISOR', 'ADMIN')";

	static final String ADMINS = "hasRole('ADMIN')";

	/** One connector as the API shows it. */
	record ConnectorResponse(String name, String type, String sourceSystem, boolean enabled, boolean paused,
			String status, long captured, long failed, long malformedReported, String lastError, Instant lastActivity,
			Duration lag, String writeBack) {

		static ConnectorResponse of(ConnectorHost.Status status) {
			ConnectorHealth health = status.health();
			return new ConnectorResponse(status.name(), status.type(), status.sourceSystem(), status.enabled(),
					status.paused(), health.status().name(), health.capturedCount(), health.failedCount(),
					status.malformedReported(), health.lastError(), health.lastActivity(), health.lag(), status.writeBack());
		}

	}

	private final ConnectorHost host;

	private final MalformedInputStore malformed;

	ConnectorController(ConnectorHost host, MalformedInputStore malformed) {
		this.host = host;
		this.malformed = malformed;
	}

	@GetMapping
	@PreAuthorize(OPERATORS)
	@Operation(summary = "List the connectors of this node with their health")
	List<ConnectorResponse> list() {
		return this.host.list().stream().map(ConnectorResponse::of).toList();
	}

	@GetMapping("/{name}")
	@PreAuthorize(OPERATORS)
	@Operation(summary = "One connector with its health")
	ConnectorResponse get(@PathVariable String name) {
		return ConnectorResponse.of(this.host.find(name).orElseThrow(() -> notFound(name)));
	}

	@PostMapping("/{name}/pause")
	@PreAuthorize(ADMINS)
	@Operation(summary = "Pause a connector on this node: it stops delivering until resumed")
	ConnectorResponse pause(@PathVariable String name) {
		if (!this.host.pause(name)) {
			throw notFound(name);
		}
		return get(name);
	}

	@PostMapping("/{name}/resume")
	@PreAuthorize(ADMINS)
	@Operation(summary = "Resume a paused connector on this node")
	ConnectorResponse resume(@PathVariable String name) {
		if (!this.host.resume(name)) {
			throw notFound(name);
		}
		return get(name);
	}

	@GetMapping("/{name}/malformed")
	@PreAuthorize(OPERATORS)
	@Operation(summary = "The latest input this connector could not map (newest first)")
	List<MalformedInputStore.Report> malformed(@PathVariable String name,
			@RequestParam(defaultValue = "50") int limit) {
		if (this.host.find(name).isEmpty()) {
			throw notFound(name);
		}
		if (limit < 1 || limit > 1000) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
					Problems.invalid(List.of(new org.openwd.common.web.FieldProblem("limit", "must be between 1 and 1000"))),
					null);
		}
		return this.malformed.latest(name, limit);
	}

	static ErrorResponseException notFound(String name) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No connector " + name), null);
	}

}
