package org.openwd.rules.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface ConfigDocumentRepository extends JpaRepository<ConfigDocument, ConfigDocument.Key> {

	@Query("select d from ConfigDocument d where d.kind = :kind order by d.name")
	List<ConfigDocument> findByKind(String kind);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select d from ConfigDocument d where d.kind = :kind and d.name = :name")
	Optional<ConfigDocument> lock(String kind, String name);

	@Query("select d from ConfigDocument d where d.kind = :kind and d.name = :name")
	Optional<ConfigDocument> find(String kind, String name);

	/** Cheap change detection for other nodes: the sum of versions per kind moves whenever anything changes. */
	@Query("select coalesce(sum(d.version), 0) + count(d) from ConfigDocument d where d.kind = :kind")
	long fingerprint(String kind);

}

interface ConfigDocumentVersionRepository extends JpaRepository<ConfigDocumentVersion, ConfigDocumentVersion.Key> {

	@Query("select v from ConfigDocumentVersion v where v.kind = :kind and v.name = :name order by v.version desc")
	List<ConfigDocumentVersion> history(String kind, String name);

	@Query("select v from ConfigDocumentVersion v where v.kind = :kind and v.name = :name and v.version = :version")
	Optional<ConfigDocumentVersion> find(String kind, String name, int version);

}
