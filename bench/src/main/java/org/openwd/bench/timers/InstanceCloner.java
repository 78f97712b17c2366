package org.openwd.bench.timers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Clones one waiting escalation instance (a real one, started by the platform) with set-based SQL: every row the
 * engine keeps for it (executions, the timer job, variables, the close-message subscription, and the history rows the
 * engine updates when the timer fires), and, for the timers that will fire during the run, the OpenWD task it watches
 * (task row, history, escalation row), so the model's actions work on real tasks.
 * <p>
 * Clone {@code n} gets new ids by replacing the last 12 characters (the node part of Camunda's time-based UUIDs and of
 * the task's UUID) of every id that belongs to the seed instance with {@code n}, zero-padded: ids keep their length
 * (the activity-instance ids such as {@code Gateway_WarningDefined:<uuid>} fill most of Camunda's 64 characters),
 * stay unique, and references between the rows stay consistent. Ids that are shared (process definition, job
 * definition, deployment) are kept.
 */
final class InstanceCloner {

	private static final Pattern UUID_SUFFIX = Pattern
		.compile(".*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	/** Columns whose values are shared by all instances of the model, never instance ids. */
	private static final Set<String> SHARED = Set.of("PROC_DEF_ID_", "JOB_DEF_ID_", "DEPLOYMENT_ID_", "CASE_DEF_ID_",
			"PROCESS_DEF_ID_", "TENANT_ID_", "USER_ID_", "PROC_DEF_KEY_", "MODEL_ID");

	/** Camunda's rows of one process instance (table, column naming the instance). */
	static final List<String[]> ENGINE_TABLES = List.of(new String[] { "ACT_RU_EXECUTION", "PROC_INST_ID_" },
			new String[] { "ACT_RU_JOB", "PROCESS_INSTANCE_ID_" }, new String[] { "ACT_RU_VARIABLE", "PROC_INST_ID_" },
			new String[] { "ACT_RU_EVENT_SUBSCR", "PROC_INST_ID_" });

	static final List<String[]> HISTORY_TABLES = List.of(new String[] { "ACT_HI_PROCINST", "PROC_INST_ID_" },
			new String[] { "ACT_HI_ACTINST", "PROC_INST_ID_" }, new String[] { "ACT_HI_VARINST", "PROC_INST_ID_" },
			new String[] { "ACT_HI_DETAIL", "PROC_INST_ID_" }, new String[] { "ACT_HI_JOB_LOG", "PROCESS_INSTANCE_ID_" });

	/** OpenWD's rows of the watched task (table, column naming the task). */
	static final List<String[]> TASK_TABLES = List.of(new String[] { "owd_task", "id" },
			new String[] { "owd_task_history", "task_id" }, new String[] { "owd_escalation_instance", "task_id" });

	private final Connection connection;

	private final Dialect dialect;

	private final String processInstanceId;

	private final String taskId;

	/** Every instance id of the seed (and the task id) -> its first characters, to which a clone appends its n. */
	private final Map<String, String> ids = new LinkedHashMap<>();

	private final Set<String> byteArrays = new LinkedHashSet<>();

	private final Map<String, List<Column>> columns = new LinkedHashMap<>();

	record Column(String name, boolean text) {
	}

	InstanceCloner(Connection connection, Dialect dialect, String processInstanceId, String taskId) throws SQLException {
		this.connection = connection;
		this.dialect = dialect;
		this.processInstanceId = processInstanceId;
		this.taskId = taskId;
		remember(taskId);
		remember(processInstanceId);
		for (List<String[]> group : List.of(ENGINE_TABLES, HISTORY_TABLES)) {
			for (String[] table : group) {
				collectIds(table[0], table[1] + " = '" + processInstanceId + "'");
			}
		}
		// whatever column a shared id sits in: definitions and deployments are never cloned
		for (String shared : new String[] { "select ID_ from ACT_RE_PROCDEF", "select ID_ from ACT_RU_JOBDEF",
				"select ID_ from ACT_RE_DEPLOYMENT" }) {
			try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(shared)) {
				while (rs.next()) {
					ids.remove(rs.getString(1));
				}
			}
		}
	}

	/** Rows of the seed in Camunda's tables, for the report. */
	Map<String, Integer> seedRows() throws SQLException {
		Map<String, Integer> rows = new LinkedHashMap<>();
		for (List<String[]> group : List.of(ENGINE_TABLES, HISTORY_TABLES, TASK_TABLES)) {
			for (String[] table : group) {
				rows.put(table[0], count("select count(*) from " + table[0] + " where " + seedFilter(table)));
			}
		}
		if (!byteArrays.isEmpty()) {
			rows.put("ACT_GE_BYTEARRAY", byteArrays.size());
		}
		return rows;
	}

	private String seedFilter(String[] table) {
		String id = TASK_TABLES.contains(table) ? taskId : processInstanceId;
		return table[1] + " = '" + id + "'";
	}

	private void collectIds(String table, String filter) throws SQLException {
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select * from " + table + " where " + filter)) {
			ResultSetMetaData meta = rs.getMetaData();
			while (rs.next()) {
				for (int c = 1; c <= meta.getColumnCount(); c++) {
					String name = meta.getColumnName(c).toUpperCase(java.util.Locale.ROOT);
					if (!name.endsWith("ID_") || SHARED.contains(name)) {
						continue;
					}
					String value = rs.getString(c);
					if (value == null) {
						continue;
					}
					if (name.equals("BYTEARRAY_ID_")) {
						byteArrays.add(value);
					}
					remember(value);
				}
			}
		}
	}

	private void remember(String id) {
		if (!UUID_SUFFIX.matcher(id).matches()) {
			return;
		}
		if (!id.matches("[A-Za-z0-9_:.\\-]+")) {
			throw new IllegalStateException("unexpected id " + id);
		}
		ids.put(id, id.substring(0, id.length() - 12));
	}

	/** The id clone {@code n} has for an id of the seed. */
	static String cloneId(String seedId, long n) {
		return seedId.substring(0, seedId.length() - 12) + String.format("%012d", n);
	}

	/**
	 * Clones {@code from..to} with their timer due at {@code dueExpression} (SQL over {@code k.n}, may use {@code ?}
	 * placeholders bound to {@code dueParameters}); with the history rows if {@code history}, with the watched task if
	 * {@code tasks}. Returns the rows inserted.
	 */
	long cloneRange(long from, long to, String dueExpression, List<Timestamp> dueParameters, boolean history, boolean tasks)
			throws SQLException {
		long rows = 0;
		List<String[]> tables = new ArrayList<>(ENGINE_TABLES);
		if (history) {
			tables.addAll(HISTORY_TABLES);
		}
		if (tasks) {
			tables.addAll(TASK_TABLES);
		}
		for (String[] table : tables) {
			if (table[0].equals("ACT_RU_EXECUTION")) {
				// parents before children: the table references itself, checked row by row
				for (List<String> level : executionLevels()) {
					rows += insertSelect(table[0], seedFilter(table), "s.ID_ in ('" + String.join("','", level) + "')",
							from, to, null, List.of());
				}
				continue;
			}
			boolean isJob = table[0].equals("ACT_RU_JOB");
			rows += insertSelect(table[0], seedFilter(table), "1 = 1", from, to, isJob ? dueExpression : null,
					isJob ? dueParameters : List.of());
		}
		if (!byteArrays.isEmpty()) {
			rows += insertSelect("ACT_GE_BYTEARRAY", "ID_ in ('" + String.join("','", byteArrays) + "')", "1 = 1", from, to, null,
					List.of());
		}
		return rows;
	}

	/** The seed's executions by depth: the process instance first, then its children, and so on. */
	private List<List<String>> executionLevels() throws SQLException {
		Map<String, String> parents = new LinkedHashMap<>();
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
				"select ID_, PARENT_ID_ from ACT_RU_EXECUTION where PROC_INST_ID_ = '" + processInstanceId + "'")) {
			while (rs.next()) {
				parents.put(rs.getString(1), rs.getString(2));
			}
		}
		List<List<String>> levels = new ArrayList<>();
		Set<String> placed = new LinkedHashSet<>();
		while (placed.size() < parents.size()) {
			List<String> level = new ArrayList<>();
			for (Map.Entry<String, String> e : parents.entrySet()) {
				if (!placed.contains(e.getKey()) && (e.getValue() == null || placed.contains(e.getValue()))) {
					level.add(e.getKey());
				}
			}
			if (level.isEmpty()) {
				throw new IllegalStateException("executions of " + processInstanceId + " do not form a tree: " + parents);
			}
			placed.addAll(level);
			levels.add(level);
		}
		return levels;
	}

	private long insertSelect(String table, String seedFilter, String filter, long from, long to, String dueExpression,
			List<Timestamp> dueParameters) throws SQLException {
		List<Column> cols = columns(table);
		String n12 = dialect.twelveDigits("k.n");
		StringBuilder names = new StringBuilder();
		StringBuilder values = new StringBuilder();
		for (Column col : cols) {
			if (names.length() > 0) {
				names.append(", ");
				values.append(", ");
			}
			names.append(col.name());
			String upper = col.name().toUpperCase(java.util.Locale.ROOT);
			if (dueExpression != null && upper.equals("DUEDATE_")) {
				values.append(dueExpression);
			}
			else if (upper.equals("LOCK_OWNER_") || upper.equals("LOCK_EXP_TIME_")) {
				values.append("null");
			}
			else if (table.equals("owd_task") && upper.equals("EXTERNAL_ID")) {
				values.append("concat(s.external_id, '-', ").append(n12).append(")");
			}
			else if (col.text()) {
				values.append("case s.").append(col.name());
				for (Map.Entry<String, String> id : ids.entrySet()) {
					values.append(" when '").append(id.getKey()).append("' then concat('").append(id.getValue()).append("', ")
						.append(n12).append(")");
				}
				values.append(" else s.").append(col.name()).append(" end");
			}
			else {
				values.append("s.").append(col.name());
			}
		}
		String sql = "insert into " + table + " (" + names + ") select " + values + " from " + stage(table, seedFilter)
				+ " s cross join " + dialect.numbers(from, to) + " k where " + filter;
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			for (int i = 0; i < dueParameters.size(); i++) {
				ps.setTimestamp(i + 1, dueParameters.get(i));
			}
			return ps.executeUpdate();
		}
	}

	private final Map<String, String> stages = new LinkedHashMap<>();

	/**
	 * The seed's rows of a table, copied once into a table of their own: an INSERT that selects from its own table
	 * makes MariaDB materialise the selection in a temporary file first, for every chunk.
	 */
	private String stage(String table, String seedFilter) throws SQLException {
		String known = stages.get(table);
		if (known != null) {
			return known;
		}
		String stage = "bench_seed_" + table.toLowerCase(java.util.Locale.ROOT);
		try (Statement st = connection.createStatement()) {
			st.execute("drop table if exists " + stage);
			st.execute("create table " + stage + " as select * from " + table + " where " + seedFilter);
		}
		stages.put(table, stage);
		return stage;
	}

	/** Drops the staging tables. */
	void dropStages() throws SQLException {
		try (Statement st = connection.createStatement()) {
			for (String stage : stages.values()) {
				st.execute("drop table if exists " + stage);
			}
		}
		stages.clear();
	}

	private List<Column> columns(String table) throws SQLException {
		List<Column> known = columns.get(table);
		if (known != null) {
			return known;
		}
		List<Column> cols = new ArrayList<>();
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select * from " + table + " where 1 = 0")) {
			ResultSetMetaData meta = rs.getMetaData();
			for (int c = 1; c <= meta.getColumnCount(); c++) {
				int type = meta.getColumnType(c);
				boolean text = (type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR || type == Types.NCHAR)
						&& meta.getPrecision(c) <= 4000;
				cols.add(new Column(meta.getColumnName(c), text));
			}
		}
		columns.put(table, cols);
		return cols;
	}

	private int count(String sql) throws SQLException {
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
