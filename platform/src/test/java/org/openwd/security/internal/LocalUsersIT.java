package org.openwd.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.openwd.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The configured local users, as Spring Security's HTTP Basic login uses them. */
class LocalUsersIT extends IntegrationTest {

	@Autowired
	UserDetailsService users;

	@Test
	void keepsAConfiguredPasswordAsItIsAfterALogin() {
		assertThat(api.get("it-agent3", "/api/v1/presence/reasons").status()).isEqualTo(200);
		assertThat(api.get("it-agent3", "/api/v1/presence/reasons").status()).isEqualTo(200);

		// not re-encoded with BCrypt on the first login (which would cost a hash now and a check at the next request)
		assertThat(users.loadUserByUsername("it-agent3").getPassword()).isEqualTo("{noop}it-agent3");
	}

	@Test
	void stillRefusesAWrongPassword() {
		assertThat(api.send(null, java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base()
				+ "/api/v1/presence/reasons")).header("Authorization", "Basic "
						+ java.util.Base64.getEncoder().encodeToString("it-agent3:wrong".getBytes())).GET(), java.util.Map.of())
			.status()).isEqualTo(401);
	}

}
