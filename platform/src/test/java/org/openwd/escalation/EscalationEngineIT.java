package org.openwd.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;

import org.openwd.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** How the platform set up the engine: the job due-date index exists, and every catalogue action is a delegate bean. */
class EscalationEngineIT extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	ApplicationContext context;

	@Test
	void theJobTableHasAnIndexOnItsDueDate() throws Exception {
		List<String> firstColumns = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			for (String table : new String[] { "ACT_RU_JOB", "act_ru_job" }) {
				try (ResultSet indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, table, false, true)) {
					while (indexes.next()) {
						if (indexes.getShort("ORDINAL_POSITION") == 1 && indexes.getString("COLUMN_NAME") != null) {
							firstColumns.add(indexes.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
						}
					}
				}
			}
		}
		assertThat(firstColumns).contains("DUEDATE_");
	}

	@Test
	void everyActionOfTheCatalogueIsADelegateBean() {
		for (String action : List.of("raisePriority", "setPriority", "widenTarget", "narrowTarget", "moveToProfile",
				"notifySupervisors", "markOverdue", "holdTask", "cancelTask", "createFollowUpTask", "loadTask")) {
			assertThat(context.getBean(action)).as(action).isInstanceOf(JavaDelegate.class);
		}
	}

}
