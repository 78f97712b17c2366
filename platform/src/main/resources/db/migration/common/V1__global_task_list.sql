-- Global task list: one row per work item; the history table is append-only and is the source of truth for reporting.
CREATE TABLE owd_task (
    id                VARCHAR(36)   NOT NULL,
    source_system     VARCHAR(100)  NOT NULL,
    external_id       VARCHAR(200)  NOT NULL,
    type              VARCHAR(100)  NOT NULL,
    title             VARCHAR(500)  NOT NULL,
    description       TEXT,
    customer_id       VARCHAR(100),
    customer_segment  VARCHAR(50),
    business_value    INT,
    created_at        DATETIME(6)   NOT NULL,
    captured_at       DATETIME(6)   NOT NULL,
    activation_time   DATETIME(6),
    due_time          DATETIME(6),
    department        VARCHAR(100),
    process           VARCHAR(100),
    required_skills   TEXT          NOT NULL,
    attributes        LONGTEXT      NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    state_reason      VARCHAR(500),
    assigned_employee VARCHAR(100),
    offer_expires_at  DATETIME(6),
    outcome           VARCHAR(100),
    classified_by     VARCHAR(200),
    updated_at        DATETIME(6)   NOT NULL,
    closed_at         DATETIME(6),
    history_count     INT           NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT pk_owd_task PRIMARY KEY (id),
    CONSTRAINT uk_owd_task_source_key UNIQUE (source_system, external_id)
);

CREATE INDEX ix_owd_task_state_due ON owd_task (state, due_time);
CREATE INDEX ix_owd_task_state_activation ON owd_task (state, activation_time);
CREATE INDEX ix_owd_task_captured ON owd_task (captured_at);
CREATE INDEX ix_owd_task_customer ON owd_task (customer_id);
CREATE INDEX ix_owd_task_department_state ON owd_task (department, state);
CREATE INDEX ix_owd_task_assigned ON owd_task (assigned_employee, state);

CREATE TABLE owd_task_history (
    task_id    VARCHAR(36)  NOT NULL,
    seq        INT          NOT NULL,
    at         DATETIME(6)  NOT NULL,
    actor      VARCHAR(100) NOT NULL,
    action     VARCHAR(30)  NOT NULL,
    from_state VARCHAR(20),
    to_state   VARCHAR(20)  NOT NULL,
    reason     VARCHAR(500),
    details    LONGTEXT     NOT NULL,
    CONSTRAINT pk_owd_task_history PRIMARY KEY (task_id, seq),
    CONSTRAINT fk_owd_task_history_task FOREIGN KEY (task_id) REFERENCES owd_task (id)
);

CREATE INDEX ix_owd_task_history_at ON owd_task_history (at);
