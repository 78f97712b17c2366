package org.openwd.connector.jdbc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a polling source keeps how far it has read, across restarts. The platform keeps it in its own database; the
 * in-memory store is for tests and for sources that may re-read everything on start (deduplication absorbs that).
 */
public interface WatermarkStore {

	/** The position saved last: watermark value and tie-break key, as text. */
	record Position(String watermark, String key) {
	}

	Optional<Position> load(String source);

	/** Saves the position; called after the rows up to it were delivered. */
	void save(String source, Position position);

	static WatermarkStore inMemory() {
		Map<String, Position> positions = new ConcurrentHashMap<>();
		return new WatermarkStore() {

			@Override
			public Optional<Position> load(String source) {
				return Optional.ofNullable(positions.get(source));
			}

			@Override
			public void save(String source, Position position) {
				positions.put(source, position);
			}

		};
	}

}
