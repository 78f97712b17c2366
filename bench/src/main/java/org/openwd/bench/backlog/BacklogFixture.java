package org.openwd.bench.backlog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The large-backlog data set, deterministic from a seed and shaped like the engine fixture of W2/W4: 200 skills in 10
 * departments (department d owns skills d, d + 10, ...), 10 routing profiles in 3 aging classes (fast, medium, slow
 * growth), each task needing one skill of its department and belonging to a profile drawn independently of its
 * department (so every profile's tasks reach every employee: 10% of the backlog per profile), and employees with five
 * skills of their department (proficiency 1-10) and a capacity of 1-3.
 */
public final class BacklogFixture {

	public static final String SOURCE = "bench-backlog";

	public static final String TYPE = "bench-backlog";

	public static final String PROCESS = "backlog";

	public static final String CAPTURE_ACTOR = "connector";

	public static final int DEPARTMENTS = 10;

	public static final int PROFILES = 10;

	/** The profile W5 changes: 10% of the backlog (100 k of 1 M). */
	public static final int CHANGED_PROFILE = 0;

	static final Duration SLA = Duration.ofHours(24);

	static final Duration WARNING_BEFORE = Duration.ofHours(2);

	private final int skills;

	private final Duration maxWait;

	private final String decisionRef;

	private final Map<Integer, Integer> profileVersions = new HashMap<>();

	/** One task as the capture path leaves it after classification. */
	public record Task(UUID id, String externalId, String title, String customerId, int businessValue, Instant capturedAt,
			Instant dueTime, Instant warningAt, String department, String skill, int profile) {
	}

	/** One employee's profile as PUT to /api/v1/employees/{id}. */
	public record Employee(String id, String department, Map<String, Integer> skills, int capacity) {

		public Map<String, Object> body() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("displayName", id);
			body.put("team", "team-" + department);
			body.put("department", department);
			body.put("skills", skills);
			body.put("channelCapacity", Map.of("case", capacity));
			body.put("totalCapacity", capacity);
			return body;
		}

	}

	/**
	 * @param skills skills in all (200)
	 * @param maxWait tasks were captured up to this long ago
	 * @param decisionRef the active classification decision, e.g. {@code classification:v1}
	 */
	public BacklogFixture(int skills, Duration maxWait, String decisionRef) {
		this.skills = skills;
		this.maxWait = maxWait;
		this.decisionRef = decisionRef;
	}

	public void profileVersion(int profile, int version) {
		profileVersions.put(profile, version);
	}

	public String profileName(int profile) {
		return "backlog-p" + profile;
	}

	/** What classification records in {@code classified_by}: decision version / profile version. */
	public String classifiedBy(int profile) {
		return decisionRef + "/" + profileName(profile) + ":v" + profileVersions.getOrDefault(profile, 1);
	}

	/** Aging class of a profile: 0 fast, 1 medium, 2 slow (the engine fixture's three policies). */
	public static int agingClass(int profile) {
		return profile % 3;
	}

	/** The routing profile definition as PUT to /api/v1/routing-profiles/{name}. */
	public Map<String, Object> profile(int profile, int start, int max) {
		Map<String, Object> priority = switch (agingClass(profile)) {
			case 0 -> Map.of("start", 50, "increment", 5, "interval", "PT30S", "max", 1000, "valueWeight", 0);
			case 1 -> Map.of("start", 30, "increment", 3, "interval", "PT1M", "max", 1000, "valueWeight", 0);
			default -> Map.of("start", 10, "increment", 1, "interval", "PT5M", "max", 1000, "valueWeight", 0);
		};
		if (start >= 0) {
			priority = new HashMap<>(priority);
			priority.put("start", start);
			priority.put("max", max);
		}
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("name", profileName(profile));
		definition.put("description", "bench backlog, aging class " + agingClass(profile));
		definition.put("priority", priority);
		definition.put("sla", Map.of("duration", SLA.toString(), "warningBefore", WARNING_BEFORE.toString()));
		definition.put("calendar", "24x7");
		definition.put("offerTimeout", "PT60S");
		definition.put("targets", List.of(Map.of("skills", "*")));
		definition.put("channel", "case");
		return definition;
	}

	/** Task {@code i}; draws from {@code random} in a fixed order, so one seed gives one data set. */
	public Task task(int i, SplittableRandom random, Instant now) {
		UUID id = new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L, random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L);
		Instant captured = now.minusMillis(random.nextLong(Math.max(1, maxWait.toMillis())));
		int department = random.nextInt(DEPARTMENTS);
		String skill = skill(department + DEPARTMENTS * random.nextInt(Math.max(1, skills / DEPARTMENTS)));
		int profile = random.nextInt(PROFILES);
		Instant due = captured.plus(SLA);
		return new Task(id, "bl-" + i, "Backlog task " + i, "C-" + random.nextInt(100_000), random.nextInt(100), captured, due,
				due.minus(WARNING_BEFORE), department(department), skill, profile);
	}

	/** The employees, deterministic from the seed; ids are the bench logins. */
	public List<Employee> employees(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Employee> people = new ArrayList<>(n);
		int perDepartment = Math.max(1, skills / DEPARTMENTS);
		for (int e = 0; e < n; e++) {
			int department = random.nextInt(DEPARTMENTS);
			Map<String, Integer> own = new LinkedHashMap<>();
			while (own.size() < Math.min(5, perDepartment)) {
				own.put(skill(department + DEPARTMENTS * random.nextInt(perDepartment)), 1 + random.nextInt(10));
			}
			people.add(new Employee(org.openwd.bench.load.LoadGenerator.agent(e), department(department), own,
					1 + random.nextInt(3)));
		}
		return people;
	}

	public static String skill(int i) {
		return "skill" + i;
	}

	public static String department(int i) {
		return "dept" + i;
	}

}
