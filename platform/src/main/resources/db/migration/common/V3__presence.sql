-- Presence: employees (one per login name) with skills, capacity, shift and out-of-office settings, and an append-only
-- history of every presence change (the source of truth for adherence reporting).
CREATE TABLE owd_employee (
    id               VARCHAR(100)  NOT NULL,
    display_name     VARCHAR(200)  NOT NULL,
    team             VARCHAR(100),
    department       VARCHAR(100),
    skills           TEXT          NOT NULL,
    channel_capacity TEXT          NOT NULL,
    total_capacity   INT           NOT NULL,
    shift_end        DATETIME(6),
    presence         VARCHAR(20)   NOT NULL,
    reason           VARCHAR(100),
    presence_since   DATETIME(6)   NOT NULL,
    out_of_office    BOOLEAN       NOT NULL,
    substitute       VARCHAR(100),
    history_count    INT           NOT NULL,
    version          BIGINT        NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    CONSTRAINT pk_owd_employee PRIMARY KEY (id)
);

CREATE INDEX ix_owd_employee_team ON owd_employee (team, presence);
CREATE INDEX ix_owd_employee_department ON owd_employee (department, presence);
CREATE INDEX ix_owd_employee_presence ON owd_employee (presence);

CREATE TABLE owd_presence_history (
    employee_id VARCHAR(100) NOT NULL,
    seq         INT          NOT NULL,
    at          DATETIME(6)  NOT NULL,
    from_state  VARCHAR(20)  NOT NULL,
    to_state    VARCHAR(20)  NOT NULL,
    reason      VARCHAR(100),
    actor       VARCHAR(100) NOT NULL,
    CONSTRAINT pk_owd_presence_history PRIMARY KEY (employee_id, seq),
    CONSTRAINT fk_owd_presence_history_employee FOREIGN KEY (employee_id) REFERENCES owd_employee (id)
);

CREATE INDEX ix_owd_presence_history_at ON owd_presence_history (at);
