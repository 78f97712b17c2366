package org.openwd.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.openwd.testing.Api;
import org.openwd.testing.IntegrationTest;

/**
 * The OpenAPI document checked into docs/ is the one the application serves. After an API change, regenerate it with
 * {@code scripts/test.sh -Dit.test=OpenApiDocumentIT -Dopenwd.openapi.write=true} (or the same on plain mvn verify).
 */
class OpenApiDocumentIT extends IntegrationTest {

	static final Path CHECKED_IN = Path.of("../docs/openapi.json");

	@Test
	void theCheckedInOpenApiDocumentMatchesTheServedOne() throws Exception {
		Api.Response served = api.get(null, "/v3/api-docs");
		assertThat(served.status()).isEqualTo(200);
		JsonNode document = normalise(served.body());
		if (Boolean.getBoolean("openwd.openapi.write")) {
			Files.writeString(CHECKED_IN, Api.JSON.copy()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
				.writeValueAsString(Api.JSON.treeToValue(document, Object.class)) + "\n");
		}
		JsonNode checkedIn = Api.JSON.readTree(Files.readString(CHECKED_IN));
		assertThat(checkedIn).as("docs/openapi.json is stale: regenerate it (see this test's Javadoc)").isEqualTo(document);
	}

	/** Server URLs depend on the random port: drop them. */
	static JsonNode normalise(JsonNode document) {
		ObjectNode copy = document.deepCopy();
		copy.remove("servers");
		return copy;
	}

}
