package org.openwd.connector.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openwd.common.web.FieldProblem;
import org.openwd.common.web.Problems;
import org.openwd.connector.internal.DeliveryStore;
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

/** Write-back deliveries: see what was sent, what failed, and send failed ones again. */
@RestController
@RequestMapping(path = "/api/v1/write-back/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Write-back", description = "Deliveries of task state changes back to source systems")
class DeliveryController {

	private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED");

	private final DeliveryStore deliveries;

	private final Clock clock;

	DeliveryController(DeliveryStore deliveries, Clock clock) {
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize(ConnectorController.OPERATORS)
	@Operation(summary = "Search deliveries (newest first), e.g. ?status=FAILED")
	List<DeliveryStore.Delivery> search(@RequestParam(required = false) String status,
			@RequestParam(required = false) String connector, @RequestParam(required = false) String taskId,
			@RequestParam(defaultValue = "100") int limit) {
		String normalized = status == null ? null : status.toUpperCase(Locale.ROOT);
		if (normalized != null && !STATUSES.contains(normalized)) {
			throw invalid("status", "must be one of PENDING, DELIVERED, FAILED");
		}
		if (limit < 1 || limit > 1000) {
			throw invalid("limit", "must be between 1 and 1000");
		}
		return this.deliveries.search(normalized, connector, taskId, limit);
	}

	@GetMapping("/{id}")
	@PreAuthorize(ConnectorController.OPERATORS)
	@Operation(summary = "One delivery")
	DeliveryStore.Delivery get(@PathVariable String id) {
		return this.deliveries.find(id).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/{id}/retry")
	@PreAuthorize(ConnectorController.OPERATORS)
	@Operation(summary = "Send a failed delivery again (fresh attempts, due now)")
	DeliveryStore.Delivery retry(@PathVariable String id) {
		DeliveryStore.Delivery delivery = this.deliveries.find(id).orElseThrow(() -> notFound(id));
		if (!this.deliveries.retry(id, this.clock.instant())) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "conflict",
					"Not failed", "Delivery " + id + " is " + delivery.status() + "; only FAILED deliveries can be retried"),
					null);
		}
		return this.deliveries.find(id).orElseThrow();
	}

	private static ErrorResponseException invalid(String field, String message) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid(List.of(new FieldProblem(field, message))),
				null);
	}

	private static ErrorResponseException notFound(String id) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No delivery " + id), null);
	}

}
