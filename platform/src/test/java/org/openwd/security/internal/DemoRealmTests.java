package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.openwd.security.Role;

/** The Keycloak demo realm (docker/keycloak/import) offers the same users and roles as local mode's demo users. */
class DemoRealmTests {

	static final JsonNode REALM = read();

	static JsonNode read() {
		try {
			return new ObjectMapper().readTree(Path.of("..", "docker", "keycloak", "import", "openwd-realm.json").toFile());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theRealmHasTheDemoUsersWithTheirRolesAndPasswords() {
		Map<String, Set<String>> realmUsers = StreamSupport.stream(REALM.path("users").spliterator(), false)
			.filter(user -> !user.has("serviceAccountClientId"))
			.collect(Collectors.toMap(user -> user.path("username").asText(), user -> {
				assertThat(user.path("credentials").get(0).path("value").asText()).isEqualTo(user.path("username").asText());
				return StreamSupport.stream(user.path("realmRoles").spliterator(), false)
					.map(JsonNode::asText)
					.collect(Collectors.toCollection(TreeSet::new));
			}));
		Map<String, Set<String>> demoUsers = DemoUsers.ALL.stream()
			.collect(Collectors.toMap(DemoUsers.DemoUser::username,
					demo -> demo.roles().stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new))));
		assertThat(realmUsers).isEqualTo(demoUsers);
	}

	@Test
	void theRealmRolesAreThePlatformRolesAndTheConnectorsServiceAccountIsAConnector() {
		assertThat(StreamSupport.stream(REALM.path("roles").path("realm").spliterator(), false).map(r -> r.path("name").asText()))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::name).toList());
		JsonNode serviceAccount = StreamSupport.stream(REALM.path("users").spliterator(), false)
			.filter(user -> "openwd-connector".equals(user.path("serviceAccountClientId").asText()))
			.findFirst()
			.orElseThrow();
		assertThat(serviceAccount.path("realmRoles").get(0).asText()).isEqualTo("CONNECTOR");
	}

	@Test
	void theDemoClientSecretsAreRefusedInProduction() {
		StreamSupport.stream(REALM.path("clients").spliterator(), false)
			.filter(client -> client.has("secret"))
			.map(client -> client.path("secret").asText().replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1"))
			.forEach(secret -> assertThat(ProductionGuard.DEFAULT_SECRETS).contains(secret));
	}

}
