package org.openwd.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openwd.task.TaskId;
import org.openwd.task.TaskStateChanged;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Records task events as a downstream module would receive them (after commit, from the publication registry), and
 * what the database showed at that moment.
 */
@TestComponent
public class TestEventRecorder {

	/** An event and how many history entries the task had committed in the database when the listener ran. */
	public record Seen(TaskStateChanged event, Integer committedHistoryCount) {
	}

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private final JdbcTemplate jdbc;

	TestEventRecorder(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(TaskStateChanged event) {
		List<Integer> counts = jdbc.queryForList("select history_count from owd_task where id = ?", Integer.class,
				event.taskId().toString());
		seen.add(new Seen(event, counts.isEmpty() ? null : counts.get(0)));
	}

	public List<Seen> of(TaskId id) {
		return seen.stream().filter(s -> s.event().taskId().equals(id)).toList();
	}

}
