-- Open tasks of sources that subscribed to the "overdue" write-back event, with their due time; the overdue watcher
-- records one write-back delivery per due time that passes.
CREATE TABLE owd_connector_due_watch (
    task_id      VARCHAR(36)  NOT NULL,
    connector    VARCHAR(100) NOT NULL,
    due_time     DATETIME(6)  NOT NULL,
    notified_due DATETIME(6),
    CONSTRAINT pk_owd_connector_due_watch PRIMARY KEY (task_id, connector)
);

CREATE INDEX ix_owd_connector_due_watch_due ON owd_connector_due_watch (due_time);
