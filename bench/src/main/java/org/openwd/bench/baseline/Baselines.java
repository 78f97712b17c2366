package org.openwd.bench.baseline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;

import org.openwd.bench.Results;
import org.openwd.bench.engine.EngineFixture;
import org.openwd.distribution.engine.QueuedTask;
import org.openwd.distribution.engine.Worker;
import org.openwd.rules.priority.PriorityCalculator;
import org.openwd.rules.priority.PriorityPolicy;

/**
 * "vs" row: one decision of ours against the two ways other products pick work, in one run, on the same data.
 * <ul>
 * <li><b>ours</b>: {@code MatchingEngine.bestTaskFor} for a ready employee (in memory, aging computed at decision time);</li>
 * <li><b>naive SQL</b>: the same task table in a database, the best task for the employee picked with the aging priority
 * computed in {@code ORDER BY} (department + skill filter, index on them), as a hand-written router would;</li>
 * <li><b>Camunda TaskService</b>: the same tasks as Camunda user tasks with candidate groups = skills, the employee's
 * query {@code taskCandidateGroupIn(skills).orderByTaskPriority().desc()} as BPM tasklists do it. Camunda's priority is
 * a stored number that cannot age, so each task gets its effective priority at the measured instant: the best case for
 * the baseline.</li>
 * </ul>
 * The decision is the same question in all three: "the best task for this employee now".
 */
public final class Baselines {

	private final String jdbcUrl;

	private final String user;

	private final String password;

	public Baselines(String jdbcUrl, String user, String password) {
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
	}

	/** Runs all three for a backlog size and adds rows to {@code results}; returns the ratios (SQL, Camunda). */
	public double[] run(int backlog, int employees, int skills, int decisions, int baselineDecisions, Results results)
			throws SQLException {
		EngineFixture fixture = EngineFixture.build(backlog, employees, skills, 7);
		String w = "vs backlog " + backlog;
		Histogram ours = Results.histogram();
		int hits = 0;
		for (int warm = 0; warm < Math.min(decisions, 20_000); warm++) {
			fixture.engine.bestTaskFor(fixture.employeeIds.get(warm % employees), EngineFixture.NOW);
		}
		for (int i = 0; i < decisions; i++) {
			String employee = fixture.employeeIds.get(i % employees);
			long t0 = System.nanoTime();
			boolean found = fixture.engine.bestTaskFor(employee, EngineFixture.NOW).isPresent();
			ours.recordValue(System.nanoTime() - t0);
			hits += found ? 1 : 0;
		}
		results.latency(w, "ours: engine bestTaskFor", ours, TimeUnit.MICROSECONDS);
		results.add(w, "ours: decisions that found a task", hits, "count", "of " + decisions);

		if (baselineDecisions == 0) {
			// ours only (e.g. the engine at 3 M, where loading the baselines' tables would take most of the run)
			return new double[0];
		}
		Histogram sql = naiveSql(fixture, baselineDecisions);
		results.latency(w, "naive SQL pick (aging in ORDER BY)", sql, TimeUnit.MILLISECONDS);
		Histogram camunda = camundaQuery(fixture, baselineDecisions);
		results.latency(w, "Camunda TaskService query", camunda, TimeUnit.MILLISECONDS);
		double sqlRatio = (double) sql.getValueAtPercentile(50) / Math.max(1, ours.getValueAtPercentile(50));
		double camundaRatio = (double) camunda.getValueAtPercentile(50) / Math.max(1, ours.getValueAtPercentile(50));
		results.add(w, "ratio naive SQL / ours (p50)", sqlRatio, "x", "target >= 100");
		results.add(w, "ratio Camunda / ours (p50)", camundaRatio, "x", "target >= 100");
		return new double[] { sqlRatio, camundaRatio };
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl, user, password);
	}

	// ---- naive SQL

	Histogram naiveSql(EngineFixture fixture, int decisions) throws SQLException {
		try (Connection c = connect()) {
			try (Statement s = c.createStatement()) {
				s.execute("DROP TABLE IF EXISTS bl_task");
				s.execute("DROP TABLE IF EXISTS bl_profile");
				s.execute("CREATE TABLE bl_profile (name VARCHAR(40) PRIMARY KEY, p_start INT, p_inc INT, p_interval INT, p_max INT)");
				s.execute("CREATE TABLE bl_task (id VARCHAR(36) PRIMARY KEY, profile VARCHAR(40), skill VARCHAR(40), "
						+ "department VARCHAR(40), waiting_epoch BIGINT, business_value INT, state VARCHAR(20))");
			}
			try (PreparedStatement p = c.prepareStatement("INSERT INTO bl_profile VALUES (?,?,?,?,?)")) {
				for (int i = 0; i < EngineFixture.PROFILES.length; i++) {
					PriorityPolicy policy = EngineFixture.policy(i);
					p.setString(1, EngineFixture.PROFILES[i]);
					p.setInt(2, policy.start());
					p.setInt(3, policy.increment());
					p.setInt(4, (int) policy.interval().toSeconds());
					p.setInt(5, policy.max());
					p.executeUpdate();
				}
			}
			c.setAutoCommit(false);
			try (PreparedStatement p = c.prepareStatement("INSERT INTO bl_task VALUES (?,?,?,?,?,?,'QUEUED')")) {
				int n = 0;
				for (UUID id : fixture.taskIds) {
					QueuedTask t = fixture.engine.task(id).orElseThrow();
					p.setString(1, id.toString());
					p.setString(2, t.profile());
					p.setString(3, t.requiredSkills().iterator().next());
					p.setString(4, t.department());
					p.setLong(5, t.waitingSince().getEpochSecond());
					p.setInt(6, t.priority().businessValue() == null ? 0 : t.priority().businessValue());
					p.addBatch();
					if (++n % 5000 == 0) {
						p.executeBatch();
						c.commit();
					}
				}
				p.executeBatch();
				c.commit();
			}
			c.setAutoCommit(true);
			try (Statement s = c.createStatement()) {
				s.execute("CREATE INDEX ix_bl_task_pick ON bl_task (state, department, skill)");
			}
			String pick = "SELECT t.id FROM bl_task t JOIN bl_profile p ON p.name = t.profile "
					+ "WHERE t.state = 'QUEUED' AND t.department = ? AND t.skill IN (?,?,?,?,?) "
					+ "ORDER BY LEAST(p.p_max, p.p_start + p.p_inc * FLOOR((? - t.waiting_epoch) / p.p_interval)) DESC, "
					+ "t.waiting_epoch ASC LIMIT 1";
			Histogram h = Results.histogram();
			try (PreparedStatement p = c.prepareStatement(pick)) {
				for (int i = 0; i < decisions + 5; i++) {
					Worker worker = fixture.workers.get(i % fixture.workers.size());
					p.setString(1, worker.department());
					List<String> skills = new ArrayList<>(worker.skills().keySet());
					for (int k = 0; k < 5; k++) {
						p.setString(2 + k, skills.get(k % skills.size()));
					}
					p.setLong(7, EngineFixture.NOW.getEpochSecond());
					long t0 = System.nanoTime();
					try (ResultSet rs = p.executeQuery()) {
						rs.next();
					}
					if (i >= 5) { // the first picks warm the caches
						h.recordValue(System.nanoTime() - t0);
					}
				}
			}
			try (Statement s = c.createStatement()) {
				s.execute("DROP TABLE bl_task");
				s.execute("DROP TABLE bl_profile");
			}
			return h;
		}
	}

	// ---- Camunda TaskService

	Histogram camundaQuery(EngineFixture fixture, int decisions) throws SQLException {
		ProcessEngineConfiguration configuration = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
			.setJdbcUrl(jdbcUrl)
			.setJdbcUsername(user)
			.setJdbcPassword(password)
			.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
			.setHistory(ProcessEngineConfiguration.HISTORY_NONE)
			.setJobExecutorActivate(false)
			.setProcessEngineName("baseline-" + UUID.randomUUID());
		if (jdbcUrl.startsWith("jdbc:mariadb")) {
			configuration.setDatabaseType("mysql");
		}
		if (configuration instanceof org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl impl) {
			impl.setJdbcMaxActiveConnections(4);
		}
		ProcessEngine engine = configuration.buildProcessEngine();
		try {
			try (Connection c = connect()) {
				try (Statement s = c.createStatement()) {
					s.execute("DELETE FROM ACT_RU_IDENTITYLINK");
					s.execute("DELETE FROM ACT_RU_TASK");
				}
				c.setAutoCommit(false);
				// bulk insert: Camunda's own API would create ~1,000 tasks/s, hours for a million
				try (PreparedStatement task = c.prepareStatement("INSERT INTO ACT_RU_TASK (ID_, REV_, NAME_, PRIORITY_, CREATE_TIME_, "
						+ "SUSPENSION_STATE_) VALUES (?, 1, ?, ?, ?, 1)");
						PreparedStatement link = c.prepareStatement("INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_) "
								+ "VALUES (?, 1, ?, 'candidate', ?)")) {
					int n = 0;
					for (UUID id : fixture.taskIds) {
						QueuedTask t = fixture.engine.task(id).orElseThrow();
						int profile = java.util.Arrays.asList(EngineFixture.PROFILES).indexOf(t.profile());
						long priority = PriorityCalculator.effectivePriority(EngineFixture.policy(profile), t.priority(),
								EngineFixture.NOW);
						task.setString(1, id.toString());
						task.setString(2, t.profile());
						task.setInt(3, (int) Math.min(Integer.MAX_VALUE, priority));
						task.setTimestamp(4, Timestamp.from(t.waitingSince()));
						task.addBatch();
						link.setString(1, "l" + id.toString().substring(1));
						link.setString(2, t.department() + "/" + t.requiredSkills().iterator().next());
						link.setString(3, id.toString());
						link.addBatch();
						if (++n % 5000 == 0) {
							task.executeBatch();
							link.executeBatch();
							c.commit();
						}
					}
					task.executeBatch();
					link.executeBatch();
					c.commit();
				}
			}
			Histogram h = Results.histogram();
			for (int i = 0; i < decisions + 5; i++) {
				Worker worker = fixture.workers.get(i % fixture.workers.size());
				List<String> groups = worker.skills().keySet().stream().map(s -> worker.department() + "/" + s).toList();
				long t0 = System.nanoTime();
				List<Task> best = engine.getTaskService().createTaskQuery().taskCandidateGroupIn(groups)
					.orderByTaskPriority().desc().orderByTaskCreateTime().asc().listPage(0, 1);
				if (i >= 5) {
					h.recordValue(System.nanoTime() - t0);
				}
				if (best.isEmpty() && i == 0) {
					throw new IllegalStateException("the Camunda baseline found no task: the data load is wrong");
				}
			}
			try (Connection c = connect(); Statement s = c.createStatement()) {
				s.execute("DELETE FROM ACT_RU_IDENTITYLINK");
				s.execute("DELETE FROM ACT_RU_TASK");
			}
			return h;
		}
		finally {
			engine.close();
		}
	}

}
