package org.openwd.rules.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The current version of one configuration document (a routing profile, calendar or decision table). */
@Entity
@Table(name = "owd_config_document")
@IdClass(ConfigDocument.Key.class)
class ConfigDocument {

	@Id
	private String kind;

	@Id
	private String name;

	private int version;

	private String definition;

	private boolean active;

	private Instant updatedAt;

	private String updatedBy;

	protected ConfigDocument() {
	}

	ConfigDocument(String kind, String name) {
		this.kind = kind;
		this.name = name;
	}

	void change(String definition, Instant at, String by) {
		this.version++;
		this.definition = definition;
		this.active = true;
		this.updatedAt = at;
		this.updatedBy = by;
	}

	String kind() {
		return kind;
	}

	String name() {
		return name;
	}

	int version() {
		return version;
	}

	String definition() {
		return definition;
	}

	boolean active() {
		return active;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	String updatedBy() {
		return updatedBy;
	}

	static class Key implements Serializable {

		private String kind;

		private String name;

		Key() {
		}

		Key(String kind, String name) {
			this.kind = kind;
			this.name = name;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && Objects.equals(k.kind, kind) && Objects.equals(k.name, name);
		}

		@Override
		public int hashCode() {
			return Objects.hash(kind, name);
		}

	}

}
