-- The source's own due time, kept apart from the computed SLA due time so re-classification starts from what the source
-- said, not from an earlier computation.
ALTER TABLE owd_task ADD source_due_time DATETIME(6);
