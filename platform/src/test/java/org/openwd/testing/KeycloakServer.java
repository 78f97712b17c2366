package org.openwd.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;

/**
 * The real Keycloak that scripts/services.sh starts (realm {@code openwd} from docker/keycloak/import), given to the
 * integration tests as {@code -Dopenwd.it.keycloak.url}. Without it the Keycloak tests skip, or fail when
 * {@code openwd.it.keycloak.required} (default: {@code openwd.it.required}) is true.
 */
public final class KeycloakServer {

	/** The demo realm's confidential client for the browser login, and its (demo) secret. */
	public static final String WEB_CLIENT = "openwd-web";

	public static final String WEB_SECRET = "openwd-web-secret";

	/** The demo realm's service-account client for connectors (client credentials, role CONNECTOR). */
	public static final String CONNECTOR_CLIENT = "openwd-connector";

	public static final String CONNECTOR_SECRET = "openwd-connector-secret";

	private final String url;

	private final HttpClient http = HttpClient.newHttpClient();

	private KeycloakServer(String url) {
		this.url = url.replaceAll("/+$", "");
	}

	/** The configured server, or skips/fails the calling test class. */
	public static KeycloakServer require() {
		String url = System.getProperty("openwd.it.keycloak.url", "");
		if (url.isBlank()) {
			boolean required = Boolean.parseBoolean(
					System.getProperty("openwd.it.keycloak.required", System.getProperty("openwd.it.required", "false")));
			if (required) {
				throw new IllegalStateException(
						"openwd.it.keycloak.required=true but openwd.it.keycloak.url is not set: run scripts/test.sh");
			}
			Assumptions.abort("No Keycloak configured (scripts/test.sh starts one and passes -Dopenwd.it.keycloak.url)");
		}
		// once per build: in the MariaDB run when there is one, else in the H2 run
		if (!ItEnvironment.mariadb() && !System.getProperty("openwd.it.mariadb.url", "").isBlank()) {
			Assumptions.abort("The Keycloak tests run in the MariaDB run");
		}
		return new KeycloakServer(url);
	}

	public String url() {
		return url;
	}

	/** The issuer of the {@code openwd} realm. */
	public String issuer() {
		return url + "/realms/openwd";
	}

	/** An access token for a demo user (password = user name) through the password grant of client openwd-cli. */
	public String passwordToken(String user) {
		return token(issuer(), Map.of("grant_type", "password", "client_id", "openwd-cli", "username", user, "password", user));
	}

	/** An access token for a service account (client credentials grant). */
	public String clientToken(String clientId, String secret) {
		return token(issuer(), Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
	}

	/**
	 * A token of the same user from another client of the realm (Keycloak's built-in {@code admin-cli}), which does not
	 * name OpenWD as its audience.
	 */
	public String tokenForAnotherAudience(String user) {
		return token(issuer(), Map.of("grant_type", "password", "client_id", "admin-cli", "username", user, "password", user));
	}

	/** A token of Keycloak's master realm (another issuer), for its bootstrap admin; null when its password is unknown. */
	public String masterRealmToken() {
		String password = System.getProperty("openwd.it.keycloak.admin-password", "");
		if (password.isBlank()) {
			return null;
		}
		return token(url + "/realms/master", Map.of("grant_type", "password", "client_id", "admin-cli", "username",
				System.getProperty("openwd.it.keycloak.admin-username", "admin"), "password", password));
	}

	private String token(String issuer, Map<String, String> form) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = Api.JSON.readTree(response.body());
			if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
				throw new IllegalStateException("Keycloak refused a token: " + response.statusCode() + " " + response.body());
			}
			return body.get("access_token").asText();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code application/x-www-form-urlencoded}. */
	public static String form(Map<String, String> fields) {
		return new LinkedHashMap<>(fields).entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
