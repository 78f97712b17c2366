package org.openwd.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.task.CaptureResult;
import org.openwd.task.NewTask;
import org.openwd.task.TaskCapture;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Captures a handful of realistic tasks on the embedded default so a newcomer sees a populated task list. Idempotent:
 * the tasks have fixed source keys, so restarts capture nothing twice. Off in the mariadb and prod profiles.
 */
@Component
@ConditionalOnProperty(name = "openwd.demo.data", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	private final TaskCapture tasks;

	private final Clock clock;

	DemoDataLoader(TaskCapture tasks, Clock clock) {
		this.tasks = tasks;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		Instant now = clock.instant();
		List<NewTask> demo = List.of(
				task("crm", "CASE-1001", "claim", "Water damage claim, kitchen", "CUST-17", "gold", 80, now.plus(Duration.ofHours(4)),
						"claims", Set.of("claims", "water"), Map.of("amount", 4200, "channel", "web")),
				task("crm", "CASE-1002", "claim", "Car windscreen replacement", "CUST-22", "silver", 30, now.plus(Duration.ofHours(8)),
						"claims", Set.of("claims", "motor"), Map.of("amount", 380, "channel", "phone")),
				task("erp", "INV-88121", "invoice", "Invoice mismatch: PO 4711 vs delivery", "CUST-91", "bronze", 20,
						now.plus(Duration.ofDays(2)), "billing", Set.of("billing"), Map.of("amount", 12990.5, "currency", "EUR")),
				task("erp", "INV-88130", "invoice", "Duplicate payment refund", "CUST-17", "gold", 60, now.plus(Duration.ofDays(1)),
						"billing", Set.of("billing", "refunds"), Map.of("amount", 250, "currency", "EUR")),
				task("mail", "MSG-5531", "email", "Change of address request", "CUST-40", "silver", 10, now.plus(Duration.ofDays(3)),
						"service", Set.of("service"), Map.of("channel", "email", "language", "en")),
				task("mail", "MSG-5532", "email", "Complaint about late callback", "CUST-03", "gold", 70, now.plus(Duration.ofHours(2)),
						"service", Set.of("service", "complaints"), Map.of("channel", "email", "language", "de")),
				task("scan", "DOC-2026-0001", "document", "Signed policy amendment to index", "CUST-64", "bronze", 5,
						now.plus(Duration.ofDays(5)), "back-office", Set.of("indexing"), Map.of("pages", 4)));
		long created = tasks.captureBatch(demo, "demo").stream().filter(CaptureResult::created).count();
		if (created > 0) {
			log.info("Captured {} demo tasks", created);
		}
	}

	private static NewTask task(String source, String externalId, String type, String title, String customer, String segment,
			int value, Instant due, String department, Set<String> skills, Map<String, Object> attributes) {
		return new NewTask(source, externalId, type, title, null, customer, segment, value, null, null, due, department, null,
				skills, attributes);
	}

}
