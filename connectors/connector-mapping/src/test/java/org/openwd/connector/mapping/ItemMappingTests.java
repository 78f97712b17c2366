package org.openwd.connector.mapping;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.openwd.connector.api.CapturedItem;
import org.openwd.connector.api.ItemCancel;
import org.openwd.connector.api.ItemCompletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemMappingTests {

	private static Map<String, String> spec(String... pairs) {
		Map<String, String> spec = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			spec.put(pairs[i], pairs[i + 1]);
		}
		return spec;
	}

	@Test
	void mapsAJsonDocumentByPointerWithConversions() {
		ItemMapping mapping = ItemMapping.of("crm", spec("externalId", "/case/id", "title", "/case/subject | trim",
				"type", "=complaint", "dueTime", "/case/due | date:dd.MM.yyyy HH:mm@Europe/Berlin", "businessValue",
				"/case/amount | integer", "customerSegment", "/customer/tier | enum:G=gold,S=silver,*=standard",
				"requiredSkills", "/case/skills", "attributes.channel", "/case/channel | default:email",
				"attributes.amount", "/case/amount | number"));
		JsonRecord json = JsonRecord.parse("""
				{"case": {"id": "C-1", "subject": "  Invoice wrong ", "due": "03.03.2025 17:30", "amount": "250",
				 "skills": ["billing", "german"]}, "customer": {"tier": "G"}}""".getBytes(StandardCharsets.UTF_8));

		SourceCommand command = mapping.map(json);

		assertThat(command).isInstanceOf(SourceCommand.Capture.class);
		CapturedItem item = ((SourceCommand.Capture) command).item();
		assertThat(item).isEqualTo(CapturedItem.builder("crm", "C-1")
			.type("complaint")
			.title("Invoice wrong")
			.dueTime(Instant.parse("2025-03-03T16:30:00Z"))
			.businessValue(250)
			.customerSegment("gold")
			.requiredSkills("billing", "german")
			.attribute("channel", "email")
			.attribute("amount", new BigDecimal("250"))
			.build());
	}

	@Test
	void mapsAnXmlDocumentByXPath() {
		ItemMapping mapping = ItemMapping.of("erp", spec("externalId", "/order/@number", "title", "/order/title",
				"requiredSkills", "/order/skills/skill", "dueTime", "/order/due | date", "activationTime",
				"/order/start | date:yyyy-MM-dd"));
		XmlRecord xml = XmlRecord.parse("""
				<order number="O-7"><title>Ship parts</title><skills><skill>logistics</skill><skill>french</skill></skills>
				<due>2025-03-05T12:00:00Z</due><start>2025-03-04</start></order>""".getBytes(StandardCharsets.UTF_8));

		CapturedItem item = ((SourceCommand.Capture) mapping.map(xml)).item();

		assertThat(item.externalId()).isEqualTo("O-7");
		assertThat(item.title()).isEqualTo("Ship parts");
		assertThat(item.requiredSkills()).containsExactlyInAnyOrder("logistics", "french");
		assertThat(item.dueTime()).isEqualTo(Instant.parse("2025-03-05T12:00:00Z"));
		assertThat(item.activationTime()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
	}

	@Test
	void mapsColumnsIgnoringCaseAndDatabaseTimestampsInTheConfiguredZone() {
		ItemMapping mapping = ItemMapping.of("ledger", spec("externalId", "CASE_NO", "title", "subject", "dueTime",
				"due_at | date:yyyy@Europe/Berlin", "requiredSkills", "skills | split:;"));
		MapRecord row = new MapRecord(Map.of("case_no", 42L, "SUBJECT", "Refund", "DUE_AT",
				LocalDateTime.parse("2025-06-01T10:00:00"), "skills", "a; b;"));

		CapturedItem item = ((SourceCommand.Capture) mapping.map(row)).item();

		assertThat(item.externalId()).isEqualTo("42");
		assertThat(item.dueTime()).isEqualTo(Instant.parse("2025-06-01T08:00:00Z"));
		assertThat(item.requiredSkills()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void choosesTheOperationFromAnEnumeratedStatus() {
		ItemMapping mapping = ItemMapping.of("ledger", spec("externalId", "id", "operation",
				"status | enum:NEW=capture,CHG=update,WD=cancel,DONE=complete", "reason", "note", "outcome", "note",
				"title", "title"));

		assertThat(mapping.map(new MapRecord(Map.of("id", "1", "status", "wd", "note", "withdrawn"))))
			.isEqualTo(new SourceCommand.Cancel(new ItemCancel("ledger", "1", "withdrawn")));
		assertThat(mapping.map(new MapRecord(Map.of("id", "1", "status", "DONE", "note", "paid"))))
			.isEqualTo(new SourceCommand.Complete(new ItemCompletion("ledger", "1", "paid")));
		assertThat(((SourceCommand.Update) mapping.map(new MapRecord(Map.of("id", "1", "status", "CHG", "title", "new"))))
			.update()
			.title()).isEqualTo("new");
		assertThatThrownBy(() -> mapping.map(new MapRecord(Map.of("id", "1", "status", "??"))))
			.isInstanceOf(MappingException.class)
			.hasMessage("operation: \"??\" is not one of new, chg, wd, done");
	}

	@Test
	void namesTheFieldWhenAValueDoesNotConvert() {
		ItemMapping mapping = ItemMapping.of("crm", spec("externalId", "/id", "dueTime", "/due | date:dd.MM.yyyy",
				"businessValue", "/value"));

		assertThatThrownBy(() -> mapping.map(JsonRecord.parse("{\"id\":\"1\",\"due\":\"tomorrow\"}".getBytes())))
			.isInstanceOf(MappingException.class)
			.hasMessage("dueTime: \"tomorrow\" does not match dd.MM.yyyy");
		assertThatThrownBy(() -> mapping.map(JsonRecord.parse("{\"id\":\"1\",\"value\":\"lots\"}".getBytes())))
			.hasMessage("businessValue: \"lots\" is not a number");
	}

	@Test
	void rejectsARecordWithoutAnExternalId() {
		ItemMapping mapping = ItemMapping.of("crm", spec("externalId", "/id"));

		assertThatThrownBy(() -> mapping.map(JsonRecord.parse("{\"name\":\"x\"}".getBytes())))
			.isInstanceOf(MappingException.class)
			.hasMessageStartingWith("externalId ");
		assertThatThrownBy(() -> mapping.map(JsonRecord.parse(("{\"id\":\"" + "x".repeat(201) + "\"}").getBytes())))
			.hasMessageStartingWith("externalId must be at most 200 characters");
	}

	@Test
	void reportsPayloadsThatAreNotWellFormed() {
		assertThatThrownBy(() -> JsonRecord.parse("{\"id\": ".getBytes())).isInstanceOf(MappingException.class)
			.hasMessageStartingWith("payload: not well-formed JSON");
		assertThatThrownBy(() -> XmlRecord.parse("<order><id>1</order>".getBytes()))
			.hasMessageStartingWith("payload: not well-formed XML");
	}

	@Test
	void refusesXmlWithADoctypeSoEntitiesCannotReadFiles() {
		byte[] xxe = """
				<?xml version="1.0"?><!DOCTYPE o [<!ENTITY x SYSTEM "file:///etc/passwd">]><o>&x;</o>"""
			.getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> XmlRecord.parse(xxe)).hasMessageStartingWith("payload: not well-formed XML");
	}

	@Test
	void rejectsAnInvalidSpecAtStartUpNamingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> ItemMapping.of("crm", spec("title", "/t")))
			.withMessage("mapping.externalId is required");
		assertThatIllegalArgumentException().isThrownBy(() -> ItemMapping.of("crm", spec("externalId", "/id", "colour", "/c")))
			.withMessageStartingWith("mapping.colour is not a task field");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ItemMapping.of("crm", spec("externalId", "/id", "title", "/t | rot13")))
			.withMessageStartingWith("mapping.title: unknown conversion rot13");
	}

	@Test
	void upsertsByDefaultSoARereadRecordChangesTheTask() {
		SourceCommand.Capture capture = (SourceCommand.Capture) ItemMapping
			.of("crm", spec("externalId", "/id", "title", "/t"))
			.map(JsonRecord.parse("{\"id\":\"1\",\"t\":\"new title\"}".getBytes()));
		SourceCommand.Capture plain = (SourceCommand.Capture) ItemMapping
			.of("crm", spec("externalId", "/id", "title", "/t", "upsert", "false"))
			.map(JsonRecord.parse("{\"id\":\"1\",\"t\":\"new title\"}".getBytes()));

		assertThat(capture.update().title()).isEqualTo("new title");
		assertThat(plain.update()).isNull();
	}

	@Test
	void convertsEpochTimesBooleansAndDefaults() {
		assertThat(Conversion.parse("epoch-seconds").apply(1_700_000_000L)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
		assertThat(Conversion.parse("epoch-millis").apply("1700000000000")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
		assertThat(Conversion.parse("boolean").apply("yes")).isEqualTo(true);
		assertThat(Conversion.parse("default:n/a").apply(" ")).isEqualTo("n/a");
		assertThat(Conversion.parse("split:;").apply("a;b")).isEqualTo(List.of("a", "b"));
		assertThatThrownBy(() -> Conversion.parse("required").apply(null)).hasMessage("is required but missing");
	}

}
