-- Service level today is rebuilt from completed tasks by close time (see GlobalTaskList.completionsSince).
CREATE INDEX ix_owd_task_state_closed ON owd_task (state, closed_at);
