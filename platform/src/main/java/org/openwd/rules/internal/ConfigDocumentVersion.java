package org.openwd.rules.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One line of a configuration document's audit trail: who changed what, when, and the full definition then. */
@Entity
@Table(name = "owd_config_document_version")
@IdClass(ConfigDocumentVersion.Key.class)
class ConfigDocumentVersion {

	@Id
	private String kind;

	@Id
	private String name;

	@Id
	private int version;

	private String definition;

	private Instant changedAt;

	private String changedBy;

	private String note;

	protected ConfigDocumentVersion() {
	}

	ConfigDocumentVersion(ConfigDocument document, String note) {
		this.kind = document.kind();
		this.name = document.name();
		this.version = document.version();
		this.definition = document.definition();
		this.changedAt = document.updatedAt();
		this.changedBy = document.updatedBy();
		this.note = note;
	}

	int version() {
		return version;
	}

	String definition() {
		return definition;
	}

	Instant changedAt() {
		return changedAt;
	}

	String changedBy() {
		return changedBy;
	}

	String note() {
		return note;
	}

	static class Key implements Serializable {

		private String kind;

		private String name;

		private int version;

		Key() {
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && Objects.equals(k.kind, kind) && Objects.equals(k.name, name) && k.version == version;
		}

		@Override
		public int hashCode() {
			return Objects.hash(kind, name, version);
		}

	}

}
