-- Reporting: read models for the supervisor view.
-- Flow counters per hour and dimension (department, process, routing profile = virtual queue, and the whole site),
-- fed by task events: arrivals, completions and completions within the SLA. Service level today reads <= 24 rows per key.
CREATE TABLE owd_report_flow (
    bucket_start     DATETIME(6)  NOT NULL,
    dim_kind         VARCHAR(20)  NOT NULL,
    dim_key          VARCHAR(100) NOT NULL,
    arrived          BIGINT       NOT NULL,
    completed        BIGINT       NOT NULL,
    completed_in_sla BIGINT       NOT NULL,
    CONSTRAINT pk_owd_report_flow PRIMARY KEY (dim_kind, dim_key, bucket_start)
);

-- Backlog samples (waiting and in progress) taken at fixed intervals, for the backlog-over-the-day chart.
CREATE TABLE owd_report_backlog (
    bucket_start DATETIME(6)  NOT NULL,
    dim_kind     VARCHAR(20)  NOT NULL,
    dim_key      VARCHAR(100) NOT NULL,
    waiting      BIGINT       NOT NULL,
    in_progress  BIGINT       NOT NULL,
    CONSTRAINT pk_owd_report_backlog PRIMARY KEY (dim_kind, dim_key, bucket_start)
);

-- Task events already counted (events are delivered at least once): purged after two days.
CREATE TABLE owd_report_counted (
    task_id VARCHAR(36) NOT NULL,
    seq     INT         NOT NULL,
    at      DATETIME(6) NOT NULL,
    CONSTRAINT pk_owd_report_counted PRIMARY KEY (task_id, seq)
);
CREATE INDEX ix_owd_report_counted_at ON owd_report_counted (at);

-- Covering indexes for the live tiles: one index-only range scan over the open states per dimension.
CREATE INDEX ix_owd_task_report_department ON owd_task (state, department, waiting_since, due_time, sla_warning_at);
CREATE INDEX ix_owd_task_report_process ON owd_task (state, process, waiting_since, due_time, sla_warning_at);
CREATE INDEX ix_owd_task_report_profile ON owd_task (state, routing_profile, waiting_since, due_time, sla_warning_at);

-- Today's rows of one kind (tiles) without reading earlier days.
CREATE INDEX ix_owd_report_flow_day ON owd_report_flow (dim_kind, bucket_start);
CREATE INDEX ix_owd_report_backlog_day ON owd_report_backlog (dim_kind, bucket_start);
