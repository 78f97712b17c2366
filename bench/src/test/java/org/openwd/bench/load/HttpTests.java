package org.openwd.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class HttpTests {

	@Test
	void aBusyAnswerThatChangedNothingIsRepeatedAfterItsRetryAfterSpreadByUpToHalf() throws Exception {
		long delay = Http.busyRetryDelayMillis(answer(503, "service-busy", false, 2));

		assertThat(delay).isBetween(2000L, 3000L);
	}

	@Test
	void anAnswerThatMayHaveChangedSomethingOrIsAnotherErrorIsNotRepeated() throws Exception {
		assertThat(Http.busyRetryDelayMillis(answer(503, "service-busy", true, 2))).isNegative();
		assertThat(Http.busyRetryDelayMillis(answer(503, "other", false, 2))).isNegative();
		assertThat(Http.busyRetryDelayMillis(answer(500, "service-busy", false, 2))).isNegative();
		assertThat(Http.busyRetryDelayMillis(new Http.Response(503, null, "down", 2))).isNegative();
	}

	@Test
	void theWaitStaysBetweenOneAndTenSecondsWhateverTheHeaderSays() throws Exception {
		assertThat(Http.busyRetryDelayMillis(answer(503, "service-busy", false, 0))).isBetween(1000L, 1500L);
		assertThat(Http.busyRetryDelayMillis(answer(503, "service-busy", false, 600))).isBetween(10000L, 15000L);
	}

	private static Http.Response answer(int status, String type, boolean changed, long retryAfter) throws Exception {
		JsonNode body = Http.JSON.readTree(
				"{\"type\":\"https://openwd.org/problems/" + type + "\",\"status\":" + status + ",\"changed\":" + changed + "}");
		return new Http.Response(status, body, body.toString(), retryAfter);
	}

}
