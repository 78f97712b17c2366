package org.openwd.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskExportTests {

	@Test
	void quotesCellsWithCommasQuotesAndLineBreaks() {
		assertThat(TaskExport.cell("plain")).isEqualTo("plain");
		assertThat(TaskExport.cell("a, b")).isEqualTo("\"a, b\"");
		assertThat(TaskExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(TaskExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(TaskExport.cell(null)).isEmpty();
	}

	@Test
	void defusesCellsThatASpreadsheetWouldRunAsFormulas() {
		assertThat(TaskExport.cell("=1+1")).isEqualTo("'=1+1");
		assertThat(TaskExport.cell("+49 30 1234")).isEqualTo("'+49 30 1234");
		assertThat(TaskExport.cell("-5")).isEqualTo("'-5");
		assertThat(TaskExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
	}

	@Test
	void roundsTheServiceLevelToOneDecimalAndHasNoneBeforeTheFirstCompletion() {
		assertThat(Tile.serviceLevel(0, 0)).isNull();
		assertThat(Tile.serviceLevel(3, 2)).isEqualTo(66.7);
		assertThat(Tile.serviceLevel(4, 4)).isEqualTo(100.0);
	}

}
