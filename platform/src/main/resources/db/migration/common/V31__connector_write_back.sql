-- Write-back deliveries: one row per (connector, task state change), written by the outbox listener and worked off
-- at least once by the delivery worker with exponential backoff.
CREATE TABLE owd_connector_delivery (
    id              VARCHAR(36)   NOT NULL,
    connector       VARCHAR(100)  NOT NULL,
    task_id         VARCHAR(36)   NOT NULL,
    source_system   VARCHAR(100)  NOT NULL,
    external_id     VARCHAR(200)  NOT NULL,
    event           VARCHAR(30)   NOT NULL,
    task_state      VARCHAR(20)   NOT NULL,
    outcome         VARCHAR(100),
    employee        VARCHAR(100),
    reason          VARCHAR(500),
    seq             INT           NOT NULL,
    occurred_at     DATETIME(6)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at DATETIME(6)   NOT NULL,
    last_error      VARCHAR(1000),
    created_at      DATETIME(6)   NOT NULL,
    delivered_at    DATETIME(6),
    CONSTRAINT pk_owd_connector_delivery PRIMARY KEY (id),
    CONSTRAINT uk_owd_connector_delivery UNIQUE (connector, task_id, seq, event)
);

CREATE INDEX ix_owd_connector_delivery_due ON owd_connector_delivery (status, next_attempt_at);
CREATE INDEX ix_owd_connector_delivery_task ON owd_connector_delivery (task_id, seq);
