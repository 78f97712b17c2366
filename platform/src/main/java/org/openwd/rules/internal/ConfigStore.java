package org.openwd.rules.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versioned configuration documents with an audit trail. Every save writes the new current version and an immutable
 * copy in the history in one transaction; a stale expected version is refused so two editors cannot overwrite each
 * other silently.
 */
@Service
public class ConfigStore {

	/** Document kinds. */
	public static final String ROUTING_PROFILE = "routing-profile";

	public static final String CALENDAR = "calendar";

	public static final String DECISION = "decision";

	/** The current version of a document. */
	public record Document(String kind, String name, int version, String definition, Instant updatedAt, String updatedBy) {
	}

	/** One version in a document's history. */
	public record Revision(int version, String definition, Instant changedAt, String changedBy, String note) {
	}

	/** The caller edited an older version than the current one. */
	public static class VersionConflictException extends RuntimeException {

		VersionConflictException(String kind, String name, int current, int expected) {
			super("%s %s is at version %d, not %d: reload it and apply your change again".formatted(kind, name, current,
					expected));
		}

	}

	private final ConfigDocumentRepository documents;

	private final ConfigDocumentVersionRepository versions;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final List<Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	ConfigStore(ConfigDocumentRepository documents, ConfigDocumentVersionRepository versions,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.documents = documents;
		this.versions = versions;
		this.tx = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Called with the kind after a change of that kind committed (on this node). */
	void onChange(Consumer<String> listener) {
		listeners.add(listener);
	}

	public List<Document> list(String kind) {
		return documents.findByKind(kind).stream().map(ConfigStore::document).toList();
	}

	public Optional<Document> find(String kind, String name) {
		return documents.find(kind, name).map(ConfigStore::document);
	}

	public List<Revision> history(String kind, String name) {
		return versions.history(kind, name).stream().map(ConfigStore::revision).toList();
	}

	public Optional<Revision> revision(String kind, String name, int version) {
		return versions.find(kind, name, version).map(ConfigStore::revision);
	}

	/**
	 * Saves a new version.
	 * @param expectedVersion the version the editor started from ({@code null}: no check; 0: must not exist yet)
	 */
	public Document save(String kind, String name, String definition, Integer expectedVersion, String actor, String note) {
		Document saved = tx.execute(status -> {
			ConfigDocument document = documents.lock(kind, name).orElse(null);
			int current = document == null ? 0 : document.version();
			if (expectedVersion != null && expectedVersion != current) {
				throw new VersionConflictException(kind, name, current, expectedVersion);
			}
			if (document == null) {
				document = new ConfigDocument(kind, name);
			}
			document.change(definition, clock.instant().truncatedTo(ChronoUnit.MICROS), actor);
			documents.save(document);
			versions.save(new ConfigDocumentVersion(document, note));
			return document(document);
		});
		listeners.forEach(listener -> listener.accept(kind));
		return saved;
	}

	/** Changed-anything indicator for caches on other nodes. */
	long fingerprint(String kind) {
		return documents.fingerprint(kind);
	}

	private static Document document(ConfigDocument d) {
		return new Document(d.kind(), d.name(), d.version(), d.definition(), d.updatedAt(), d.updatedBy());
	}

	private static Revision revision(ConfigDocumentVersion v) {
		return new Revision(v.version(), v.definition(), v.changedAt(), v.changedBy(), v.note());
	}

}
