-- Escalation (issue 5). On the task: a fixed cascade step set by escalation or a supervisor (NULL = widen with waiting
-- time, -1 = everyone with the required skills) and the last escalation stage recorded (warning, overdue, ...).
ALTER TABLE owd_task ADD target_step INT;
ALTER TABLE owd_task ADD escalation_stage VARCHAR(40);

-- One row per task that escalation watches: requested when the task is first queued, started in batches by the
-- starter, closed when the task is completed, canceled or rejected. The primary key makes redelivered events harmless.
CREATE TABLE owd_escalation_instance (
    task_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    routing_profile     VARCHAR(100),
    queued_seq          INT          NOT NULL,
    requested_at        DATETIME(6)  NOT NULL,
    model_id            VARCHAR(36),
    process_instance_id VARCHAR(64),
    started_at          DATETIME(6),
    closed_seq          INT,
    closed_at           DATETIME(6),
    outcome             VARCHAR(40)
);
CREATE INDEX ix_escalation_instance_pending ON owd_escalation_instance (started_at, closed_at, requested_at);

-- Escalation models deployed by process owners: one version line per routing profile ('*' = the default model).
-- Exactly one version per profile is active (used for new tasks); running instances stay on theirs unless migrated.
CREATE TABLE owd_escalation_model (
    id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
    routing_profile       VARCHAR(100)  NOT NULL,
    version               INT           NOT NULL,
    process_definition_id VARCHAR(64)   NOT NULL,
    process_key           VARCHAR(255)  NOT NULL,
    deployment_id         VARCHAR(64)   NOT NULL,
    resource_name         VARCHAR(255)  NOT NULL,
    checksum              VARCHAR(64)   NOT NULL,
    active                BOOLEAN       NOT NULL,
    deployed_at           DATETIME(6)   NOT NULL,
    deployed_by           VARCHAR(100)  NOT NULL,
    comment_text          VARCHAR(500),
    CONSTRAINT uq_escalation_model_version UNIQUE (routing_profile, version)
);
