package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.openwd.OpenWdApplication;
import org.openwd.inbox.LiveChannel;
import org.openwd.inbox.LiveClient;
import org.openwd.testing.Api;
import org.openwd.testing.Api.Response;
import org.openwd.testing.ItEnvironment;
import org.openwd.testing.KeycloakServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code openwd.security.mode=oidc} against a real Keycloak (realm {@code openwd} of docker/keycloak/import), in an
 * application context of its own: bearer tokens for API clients (client credentials and user tokens), the browser login
 * through Keycloak's login form with a session cookie and CSRF, role mapping, refused tokens, logout, and the live
 * channel's handshake.
 */
class OidcSecurityIT {

	static KeycloakServer keycloak;

	static ConfigurableApplicationContext app;

	static final MovableClock clock = new MovableClock();

	static Api api;

	@BeforeAll
	static void start() {
		ItEnvironment.requireServers();
		keycloak = KeycloakServer.require();
		Map<String, String> oidc = Map.of("openwd.security.mode", "oidc", "openwd.security.oidc.issuer-uri",
				keycloak.issuer(), "openwd.security.oidc.client-secret", KeycloakServer.WEB_SECRET);
		app = new SpringApplicationBuilder(OpenWdApplication.class)
			.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
			.run(ItEnvironment.arguments(2, ItEnvironment.newDataDir(), oidc));
		api = new Api("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void aConnectorsClientCredentialsTokenCapturesATaskButCannotReadTheInbox() {
		String token = keycloak.clientToken(KeycloakServer.CONNECTOR_CLIENT, KeycloakServer.CONNECTOR_SECRET);

		Response captured = post(token, "/api/v1/tasks", Api.newTask("oidc"));
		assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
		Response task = get(token, "/api/v1/tasks/" + captured.text("id"));
		assertThat(task.body().path("history").get(0).path("actor").asText())
			.isEqualTo("service-account-openwd-connector");

		assertThat(get(token, "/api/v1/me/tasks").status()).isEqualTo(403);
		assertThat(get(token, "/api/v1/tasks").status()).isEqualTo(403);
	}

	@Test
	void userTokensGetTheAnswersOfTheirRoles() {
		String agent = keycloak.passwordToken("agent");
		String supervisor = keycloak.passwordToken("supervisor");

		Response refused = post(agent, "/api/v1/tasks", Api.newTask("oidc"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("type")).isEqualTo("https://openwd.org/problems/forbidden");
		assertThat(get(agent, "/api/v1/tasks").status()).isEqualTo(403);
		assertThat(get(agent, "/api/v1/presence/reasons").status()).isEqualTo(200);

		assertThat(get(supervisor, "/api/v1/tasks").status()).isEqualTo(200);
		assertThat(get(supervisor, "/api/v1/employees").status()).isEqualTo(200);
		assertThat(post(supervisor, "/api/v1/tasks", Api.newTask("oidc")).status()).isEqualTo(403);
		assertThat(put(keycloak.passwordToken("owner"), "/api/v1/employees/oidc-probe", Map.of()).status()).isEqualTo(403);
	}

	@Test
	void keycloakRealmRolesBecomeThePlatformRoles() {
		JwtDecoder decoder = app.getBean(JwtDecoder.class);
		OidcSecurityConfiguration.OidcLogin login = app.getBean(OidcSecurityConfiguration.OidcLogin.class);
		Map<String, Set<String>> expected = Map.of("agent", Set.of("ROLE_AGENT"), "agent2", Set.of("ROLE_AGENT"),
				"supervisor", Set.of("ROLE_SUPERVISOR"), "owner", Set.of("ROLE_PROCESS_OWNER"), "connector",
				Set.of("ROLE_CONNECTOR"), "admin", Set.of("ROLE_ADMIN", "ROLE_SUPERVISOR", "ROLE_PROCESS_OWNER"));
		expected.forEach((user, authorities) -> {
			var authentication = login.authentication(decoder.decode(keycloak.passwordToken(user)));
			assertThat(authentication.getName()).isEqualTo(user);
			assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactlyInAnyOrderElementsOf(authorities);
		});
		var service = login.authentication(decoder
			.decode(keycloak.clientToken(KeycloakServer.CONNECTOR_CLIENT, KeycloakServer.CONNECTOR_SECRET)));
		assertThat(service.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_CONNECTOR");
	}

	@Test
	void refusedTokensGet401WithAProblem() throws Exception {
		String valid = keycloak.passwordToken("supervisor");
		String[] parts = valid.split("\\.");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1])).replace("supervisor", "superviser").getBytes())
				+ "." + parts[2];
		assertRefused("not-a-jwt");
		assertRefused(tampered);
		assertRefused(foreignToken(keycloak.issuer()));
		assertRefused(foreignToken("https://sso.elsewhere.example/realms/openwd"));
		assertRefused(keycloak.tokenForAnotherAudience("supervisor"));
		String master = keycloak.masterRealmToken();
		if (master != null) {
			assertRefused(master);
		}

		assertThat(get(valid, "/api/v1/tasks").status()).isEqualTo(200);
		clock.move(Duration.ofMinutes(10));
		try {
			Response expired = assertRefused(valid);
			assertThat(expired.text("detail")).contains("expired");
		}
		finally {
			clock.move(Duration.ofMinutes(-10));
		}
		assertThat(get(valid, "/api/v1/tasks").status()).isEqualTo(200);
	}

	@Test
	void withoutCredentialsTheApiAnswers401AndBrowsersAreSentToKeycloak() throws Exception {
		Response anonymous = api.get(null, "/api/v1/me");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.text("type")).isEqualTo("https://openwd.org/problems/unauthenticated");
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(api.get(null, "/ws").status()).isEqualTo(401);

		Browser browser = new Browser();
		HttpResponse<String> login = browser.get(api.base() + "/login");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith(OidcSecurityConfiguration.LOGIN_START));
		assertThat(browser.cookie("XSRF-TOKEN")).isNotNull();
		HttpResponse<String> page = browser.get(api.base() + "/some/page");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void aBrowserLogsInThroughKeycloakUsesItsSessionWithCsrfAndLogsOutOfBoth() throws Exception {
		String supervisor = keycloak.passwordToken("supervisor");
		Response saved = put(supervisor, "/api/v1/employees/supervisor", Map.of("displayName", "OIDC supervisor"));
		assertThat(saved.status()).as(saved.toString()).isIn(200, 201);

		Browser browser = new Browser();
		browser.logIn("supervisor");
		HttpResponse<String> me = browser.get(api.base() + "/api/v1/me");
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(Api.JSON.readTree(me.body()).path("id").asText()).isEqualTo("supervisor");

		// a change with the session cookie alone needs the CSRF token; the refusal renders the cookie
		String presence = "{\"state\":\"OFFLINE\",\"reason\":\"oidc-it\"}";
		HttpResponse<String> forged = browser.put(api.base() + "/api/v1/me/presence", presence, Map.of());
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(Api.JSON.readTree(forged.body()).path("type").asText()).isEqualTo("https://openwd.org/problems/csrf");
		HttpResponse<String> changed = browser.put(api.base() + "/api/v1/me/presence", presence,
				Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

		// logout: the OpenWD session ends, and Keycloak's too (RP-initiated logout)
		HttpResponse<String> logout = browser.post(api.base() + "/logout", "",
				Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));
		assertThat(logout.statusCode()).isEqualTo(302);
		String endSession = logout.headers().firstValue("Location").orElseThrow();
		assertThat(endSession).startsWith(keycloak.issuer() + "/protocol/openid-connect/logout").contains("id_token_hint=");
		HttpResponse<String> back = browser.get(endSession);
		assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
		assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(api.base() + "/");
		assertThat(browser.get(api.base() + "/api/v1/me").statusCode()).isEqualTo(401);
		// Keycloak asks for the password again instead of signing the browser in silently
		assertThat(browser.loginForm()).contains("kc-form-login");
	}

	@Test
	void theLiveChannelAcceptsBearerTokensAndTheBrowserSession() throws Exception {
		LiveChannel live = app.getBean(LiveChannel.class);
		try (LiveClient agent = LiveClient.connect(api.base(),
				Map.of("Authorization", "Bearer " + keycloak.passwordToken("agent")))) {
			BlockingQueue<JsonNode> inbox = agent.subscribe("/user/queue/inbox");
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
				live.toEmployee("agent", "oidc-it", Map.of("n", 1));
				return !inbox.isEmpty();
			});
			assertThat(inbox.poll(1, TimeUnit.SECONDS).path("type").asText()).isEqualTo("oidc-it");
		}
		Browser browser = new Browser();
		browser.logIn("agent2");
		try (LiveClient agent2 = LiveClient.connect(api.base(), Map.of("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID")))) {
			BlockingQueue<JsonNode> inbox = agent2.subscribe("/user/queue/inbox");
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
				live.toEmployee("agent2", "oidc-it", Map.of("n", 2));
				return !inbox.isEmpty();
			});
			assertThat(inbox.poll(1, TimeUnit.SECONDS).path("payload").path("n").asInt()).isEqualTo(2);
		}
		assertThatThrownBy(() -> LiveClient.connect(api.base(), Map.of("Authorization", "Bearer not-a-jwt")))
			.hasMessageContaining("401");

		// a single-page app logs out with fetch and is told where to send the browser
		HttpResponse<String> logout = browser.post(api.base() + "/logout", "",
				Map.of("X-XSRF-TOKEN", browser.csrfToken(), "Accept", "application/json"));
		assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
		assertThat(Api.JSON.readTree(logout.body()).path("redirectUrl").asText())
			.startsWith(keycloak.issuer() + "/protocol/openid-connect/logout?");
		assertThat(browser.get(api.base() + "/api/v1/me").statusCode()).isEqualTo(401);
	}

	private static Response assertRefused(String token) {
		Response response = get(token, "/api/v1/tasks");
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.text("type")).isEqualTo("https://openwd.org/problems/unauthenticated");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
		return response;
	}

	/** A well-formed token signed by a key Keycloak never had. */
	private static String foreignToken(String issuer) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("foreign").build(),
				new JWTClaimsSet.Builder().issuer(issuer).subject("x").audience("openwd").claim("preferred_username", "admin")
					.claim("realm_access", Map.of("roles", List.of("ADMIN")))
					.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
		jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		return jwt.serialize();
	}

	private static Response get(String token, String path) {
		return api.send(null, HttpRequest.newBuilder(URI.create(api.base() + path)).GET(), bearer(token));
	}

	private static Response post(String token, String path, Object body) {
		return api.send(null, HttpRequest.newBuilder(URI.create(api.base() + path)).POST(json(body)), bearer(token));
	}

	private static Response put(String token, String path, Object body) {
		return api.send(null, HttpRequest.newBuilder(URI.create(api.base() + path)).PUT(json(body)), bearer(token));
	}

	private static Map<String, String> bearer(String token) {
		return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
	}

	private static HttpRequest.BodyPublisher json(Object body) {
		try {
			return HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A browser without JavaScript: keeps cookies, follows redirects only when told to. */
	static final class Browser {

		private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

		private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new LoopbackIsSecure(cookies))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String url) throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
			return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers,
					"application/x-www-form-urlencoded");
		}

		HttpResponse<String> put(String url, String json, Map<String, String> headers) throws Exception {
			return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)), headers,
					"application/json");
		}

		private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers, String type)
				throws Exception {
			request.header("Content-Type", type);
			headers.forEach(request::header);
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		/** The CSRF cookie's value; after a login it is rendered by the first request that reads the token. */
		String csrfToken() throws Exception {
			if (cookie("XSRF-TOKEN") == null) {
				put(api.base() + "/api/v1/me/presence", "{}", Map.of());
			}
			return cookie("XSRF-TOKEN");
		}

		String cookie(String name) {
			return cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter(cookie -> cookie.getName().equals(name) && !cookie.hasExpired())
				.map(HttpCookie::getValue)
				.filter(value -> !value.isEmpty())
				.findFirst()
				.orElse(null);
		}

		/** From OpenWD's /login to Keycloak's login page (its HTML). */
		String loginForm() throws Exception {
			HttpResponse<String> response = get(api.base() + "/login");
			for (int hops = 0; response.statusCode() == 302 && hops < 5; hops++) {
				response = get(resolve(response));
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response.body();
		}

		/** The whole authorization code flow, as a person at a browser would do it. */
		void logIn(String user) throws Exception {
			Matcher action = FORM_ACTION.matcher(loginForm());
			assertThat(action.find()).as("Keycloak's login form").isTrue();
			HttpResponse<String> response = post(HtmlUtils.htmlUnescape(action.group(1)),
					KeycloakServer.form(Map.of("username", user, "password", user, "credentialId", "")), Map.of());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
			String callback = resolve(response);
			assertThat(callback).startsWith(api.base() + "/login/oauth2/code/");
			response = get(callback);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
			assertThat(resolve(response)).isEqualTo(api.base() + "/");
			assertThat(cookie("JSESSIONID")).isNotNull();
		}

		private String resolve(HttpResponse<String> redirect) {
			return redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow()).toString();
		}

	}

	/**
	 * Browsers treat {@code http://127.0.0.1} as a secure context and send it the {@code Secure} cookies that Keycloak
	 * sets; Java's cookie manager only sends them over https.
	 */
	static final class LoopbackIsSecure extends CookieHandler {

		private final CookieHandler cookies;

		LoopbackIsSecure(CookieHandler cookies) {
			this.cookies = cookies;
		}

		@Override
		public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
			URI asSecure = "127.0.0.1".equals(uri.getHost()) && "http".equals(uri.getScheme())
					? URI.create("https" + uri.toString().substring(4)) : uri;
			return cookies.get(asSecure, requestHeaders);
		}

		@Override
		public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
			cookies.put(uri, responseHeaders);
		}

	}

	/** The platform's clock, movable so that a real Keycloak token can be seen after its expiry. */
	static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void move(Duration by) {
			offset = offset.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.offset(Clock.system(zone), offset);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(offset);
		}

	}

}
