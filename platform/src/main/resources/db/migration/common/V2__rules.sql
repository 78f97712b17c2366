-- Rules layer: versioned configuration documents (routing profiles, business calendars, decision tables) with an
-- append-only audit trail, and the task columns that the priority and SLA computations read.
CREATE TABLE owd_config_document (
    kind        VARCHAR(30)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    version     INT          NOT NULL,
    definition  LONGTEXT     NOT NULL,
    active      BOOLEAN      NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    updated_by  VARCHAR(100) NOT NULL,
    CONSTRAINT pk_owd_config_document PRIMARY KEY (kind, name)
);

CREATE TABLE owd_config_document_version (
    kind        VARCHAR(30)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    version     INT          NOT NULL,
    definition  LONGTEXT     NOT NULL,
    changed_at  DATETIME(6)  NOT NULL,
    changed_by  VARCHAR(100) NOT NULL,
    note        VARCHAR(500),
    CONSTRAINT pk_owd_config_document_version PRIMARY KEY (kind, name, version)
);

ALTER TABLE owd_task ADD routing_profile VARCHAR(100);
ALTER TABLE owd_task ADD sla_warning_at DATETIME(6);
ALTER TABLE owd_task ADD waiting_since DATETIME(6);
ALTER TABLE owd_task ADD priority_pinned BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE owd_task ADD priority_boost INT DEFAULT 0 NOT NULL;

CREATE INDEX ix_owd_task_profile_state ON owd_task (routing_profile, state);
