package org.openwd.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openwd.presence.PresenceFixtures.ensureEmployee;
import static org.openwd.presence.PresenceFixtures.presence;
import static org.openwd.presence.PresenceFixtures.put;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.openwd.testing.Api.Response;
import org.openwd.testing.IntegrationTest;

import org.openwd.common.web.RequestCommits;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * A READY wave on a saturated node: when no pooled database connection frees up within the pool's wait, the request is
 * answered 503 with Retry-After and nothing is changed, so the inbox can send it again; not a 500 after a half-done change.
 */
class PresenceWhileTheDatabaseIsBusyIT extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theTransactionManagerTellsWhichRequestsCommitted() {
		// what lets a 503 say "changed": true when an earlier transaction of the request had committed
		assertThat(((AbstractPlatformTransactionManager) transactions).getTransactionExecutionListeners())
			.anyMatch(RequestCommits.class::isInstance);
	}

	@Test
	void aPresenceChangeThatFindsNoFreeConnectionIsRefusedWith503AndChangesNothing() throws SQLException {
		ensureEmployee(api, "agent");
		assertThat(put(api, "agent", "/api/v1/me/presence", presence("OFFLINE", null)).status()).isEqualTo(200);
		Response before = api.get("agent", "/api/v1/me");
		int historyBefore = api.get("agent", "/api/v1/me/presence/history?limit=1000").body().size();

		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		long timeout = waitForAConnection(pool, 500);
		List<Connection> held = new ArrayList<>();
		Response busy;
		try {
			// take every connection of the pool (background threads may hold some for a moment)
			while (held.size() < pool.getMaximumPoolSize()) {
				try {
					held.add(pool.getConnection());
				}
				catch (SQLTransientConnectionException stillInUse) {
					// the others give theirs back soon
				}
			}
			busy = put(api, "agent", "/api/v1/me/presence", presence("READY", null));
		}
		finally {
			for (Connection c : held) {
				c.close();
			}
			waitForAConnection(pool, timeout);
		}

		assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
		assertThat(busy.text("type")).isEqualTo("https://openwd.org/problems/service-busy");
		assertThat(busy.body().path("changed").asBoolean(true)).isFalse();
		assertThat(busy.header("Retry-After")).isEqualTo("2");
		Response after = api.get("agent", "/api/v1/me");
		assertThat(after.text("presence")).isEqualTo("OFFLINE");
		assertThat(after.body().path("version").asLong()).isEqualTo(before.body().path("version").asLong());
		assertThat(api.get("agent", "/api/v1/me/presence/history?limit=1000").body().size()).isEqualTo(historyBefore);

		// the same request again, once connections are free, is applied
		try {
			Response retried = put(api, "agent", "/api/v1/me/presence", presence("READY", null));
			assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
			assertThat(api.get("agent", "/api/v1/me").text("presence")).isEqualTo("READY");
		}
		finally {
			put(api, "agent", "/api/v1/me/presence", presence("OFFLINE", null));
		}
	}

	/**
	 * Sets how long the running pool lets a caller wait for a connection, and answers the previous wait. Hikari copies
	 * {@code connectionTimeout} into its pool when it starts and its MXBean setter does not reach that copy, so the test
	 * sets the pool's field: a 30 s wait would starve the whole application for 30 s.
	 */
	private static long waitForAConnection(HikariDataSource dataSource, long millis) {
		try {
			Field poolField = HikariDataSource.class.getDeclaredField("pool");
			poolField.setAccessible(true);
			Object pool = poolField.get(dataSource);
			Field timeout = Class.forName("com.zaxxer.hikari.pool.PoolBase").getDeclaredField("connectionTimeout");
			timeout.setAccessible(true);
			long previous = timeout.getLong(pool);
			timeout.setLong(pool, millis);
			return previous;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("HikariCP's pool changed: adapt this test", ex);
		}
	}

}
