package org.openwd.presence.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Employee records for the demo users of the embedded default, so they can log in and go ready at once. Only creates
 * what is missing: a profile edited since is kept. Off in the mariadb and prod profiles ({@code openwd.demo.data}).
 */
@Component
@Order(5)
@ConditionalOnProperty(name = "openwd.demo.data", havingValue = "true")
class DemoEmployees implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoEmployees.class);

	static final Map<String, EmployeeProfile> PROFILES = Map.of(
			"agent", new EmployeeProfile("Demo Agent", "claims-a", "claims", Map.of("claims", 9, "service", 6, "billing", 5),
					Map.of("case", 1, "email", 3), 3, null, false, null),
			"agent2", new EmployeeProfile("Demo Agent 2", "service-a", "service", Map.of("claims", 6, "indexing", 8, "service", 8),
					Map.of("case", 1, "email", 2), 2, null, false, null),
			"supervisor", new EmployeeProfile("Demo Supervisor", null, null, Map.of("supervision", 10), Map.of("case", 1), 1, null,
					false, null));

	private final EmployeeService employees;

	DemoEmployees(EmployeeService employees) {
		this.employees = employees;
	}

	@Override
	public void run(ApplicationArguments args) {
		long created = PROFILES.entrySet().stream()
			.sorted(Map.Entry.comparingByKey())
			.filter(entry -> employees.createIfAbsent(entry.getKey(), entry.getValue(), "demo"))
			.count();
		if (created > 0) {
			log.info("Created {} demo employees", created);
		}
	}

}
