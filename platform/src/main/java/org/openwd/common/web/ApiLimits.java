package org.openwd.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Request limits of the REST API.
 * @param maxBodySize largest request body of an ordinary API call (default 256KB)
 * @param maxBatchBodySize largest body of a batch call (default 16MB)
 * @param maxBatchItems most items in one batch (default 1000)
 * @param maxAttributesSize largest serialised attributes object of one task (default 64KB)
 * @param busyRetryAfter the {@code Retry-After} of a 503 {@code service-busy} answer, whole seconds (default 2s)
 */
@ConfigurationProperties("openwd.api")
public record ApiLimits(DataSize maxBodySize, DataSize maxBatchBodySize, Integer maxBatchItems, DataSize maxAttributesSize,
		java.time.Duration busyRetryAfter) {

	public ApiLimits {
		maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
		maxBatchBodySize = maxBatchBodySize == null ? DataSize.ofMegabytes(16) : maxBatchBodySize;
		maxBatchItems = maxBatchItems == null ? 1000 : maxBatchItems;
		maxAttributesSize = maxAttributesSize == null ? DataSize.ofKilobytes(64) : maxAttributesSize;
		busyRetryAfter = busyRetryAfter == null || busyRetryAfter.toSeconds() < 1 ? java.time.Duration.ofSeconds(2)
				: busyRetryAfter;
	}

}
