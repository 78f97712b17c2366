package org.openwd.task.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

/**
 * Request bodies are bound from JSON trees (so every bad field is reported at once); these annotations keep the
 * OpenAPI document describing the real request types.
 */
final class OpenApiBodies {

	private OpenApiBodies() {
	}

	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = TaskRequests.CaptureTask.class)))
	@interface CaptureBody {
	}

	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = TaskRequests.UpdateTask.class)))
	@interface UpdateBody {
	}

	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@RequestBody(required = true, content = @Content(mediaType = "application/json",
			array = @ArraySchema(schema = @Schema(implementation = TaskRequests.CaptureTask.class), maxItems = 1000)))
	@interface BatchBody {
	}

}
