package org.openwd.task.internal;

import static org.openwd.task.TaskState.ASSIGNED;
import static org.openwd.task.TaskState.CANCELED;
import static org.openwd.task.TaskState.CAPTURED;
import static org.openwd.task.TaskState.COMPLETED;
import static org.openwd.task.TaskState.ERROR_HELD;
import static org.openwd.task.TaskState.HELD;
import static org.openwd.task.TaskState.OFFERED;
import static org.openwd.task.TaskState.QUEUED;
import static org.openwd.task.TaskState.REJECTED;
import static org.openwd.task.TaskState.SCHEDULED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.openwd.task.IllegalTaskTransitionException;
import org.openwd.task.NewTask;
import org.openwd.task.TaskAction;
import org.openwd.task.TaskClassifier.Classification;
import org.openwd.task.TaskId;
import org.openwd.task.TaskSnapshot;
import org.openwd.task.TaskState;
import org.openwd.task.TaskStateChanged;
import org.openwd.task.TaskUpdated;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.domain.Persistable;

/**
 * The task aggregate of the global task list. State changes only through its verbs; each verb checks the current
 * state, appends a history entry and registers a {@link TaskStateChanged} event.
 */
@Entity
@Table(name = "owd_task")
public class Task extends AbstractAggregateRoot<Task> implements Persistable<UUID> {

	static final Set<TaskState> OPEN = TaskState.open();

	@Id
	@Column(length = 36)
	@JdbcTypeCode(SqlTypes.VARCHAR)
	private UUID id;

	private String sourceSystem;

	private String externalId;

	private String type;

	private String title;

	private String description;

	private String customerId;

	private String customerSegment;

	private Integer businessValue;

	private Instant createdAt;

	private Instant capturedAt;

	private Instant activationTime;

	private Instant dueTime;

	/** The due time the source sent (classification may compute another {@link #dueTime}). */
	private Instant sourceDueTime;

	private String department;

	private String process;

	// never changed in place, only replaced: Hibernate need not copy it through JSON on every load and flush to see a change
	@Convert(converter = JsonConverters.StringSetConverter.class)
	@org.hibernate.annotations.Mutability(org.hibernate.type.descriptor.java.Immutability.class)
	private Set<String> requiredSkills = new LinkedHashSet<>();

	@Convert(converter = JsonConverters.AttributesConverter.class)
	@org.hibernate.annotations.Mutability(org.hibernate.type.descriptor.java.Immutability.class)
	private Map<String, Object> attributes = new LinkedHashMap<>();

	@Enumerated(EnumType.STRING)
	private TaskState state;

	private String stateReason;

	private String assignedEmployee;

	private Instant offerExpiresAt;

	private String outcome;

	private String classifiedBy;

	private Instant updatedAt;

	private Instant closedAt;

	private String routingProfile;

	private Instant slaWarningAt;

	/** When the task first joined the queue: aging counts from here and does not restart after a rejected offer. */
	private Instant waitingSince;

	private boolean priorityPinned;

	private int priorityBoost;

	private int historyCount;

	/** Fixed cascade step (see {@link TaskSnapshot}); {@code null} = widen with waiting time. */
	private Integer targetStep;

	/** Last escalation stage recorded, e.g. {@code overdue}. */
	private String escalationStage;

	@Version
	private long version;

	@Transient
	private boolean isNew;

	/** A verb changed the task since it was loaded or last written: the next flush raises its version by one. */
	@Transient
	private boolean unflushedChange;

	@Transient
	private final List<TaskHistoryEntry> newHistory = new ArrayList<>();

	/** Who had the task before the current verb took it away (for the event). */
	@Transient
	private String releasedEmployee;

	protected Task() {
	}

	/** Captures a new task from a source. */
	static Task capture(UUID id, NewTask data, Instant now, String actor) {
		Task task = new Task();
		task.id = id;
		task.isNew = true;
		task.sourceSystem = data.sourceSystem();
		task.externalId = data.externalId();
		task.type = data.type();
		task.title = data.title();
		task.description = data.description();
		task.customerId = data.customerId();
		task.customerSegment = data.customerSegment();
		task.businessValue = data.businessValue();
		task.createdAt = data.createdAt() != null ? data.createdAt() : now;
		task.capturedAt = now;
		task.activationTime = data.activationTime();
		task.dueTime = data.dueTime();
		task.sourceDueTime = data.dueTime();
		task.department = data.department();
		task.process = data.process();
		task.requiredSkills = new LinkedHashSet<>(data.requiredSkills());
		task.attributes = new LinkedHashMap<>(data.attributes());
		task.updatedAt = now;
		task.record(TaskAction.CAPTURE, null, CAPTURED, now, actor, null, Map.of());
		return task;
	}

	/**
	 * Applies a classification. A classified task is queued, or scheduled while its activation time lies in the
	 * future; an unclassifiable one goes to ERROR_HELD.
	 */
	void classify(Classification classification, Instant now, String actor) {
		guard(TaskAction.CLASSIFY, EnumSet.of(CAPTURED));
		applyClassification(classification, now, actor);
	}

	private void applyClassification(Classification classification, Instant now, String actor) {
		if (classification instanceof Classification.Classified c) {
				department = c.department();
				process = c.process();
				businessValue = c.businessValue();
				requiredSkills = new LinkedHashSet<>(c.requiredSkills() == null ? Set.of() : c.requiredSkills());
				dueTime = c.dueTime();
				slaWarningAt = c.warningAt();
				routingProfile = c.routingProfile();
				classifiedBy = c.decisionRef();
				stateReason = null;
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("decision", c.decisionRef());
				putIfNotNull(details, "department", department);
				putIfNotNull(details, "process", process);
				putIfNotNull(details, "routingProfile", routingProfile);
				putIfNotNull(details, "dueTime", dueTime == null ? null : dueTime.toString());
				if (activationTime != null && activationTime.isAfter(now)) {
					move(TaskAction.CLASSIFY, SCHEDULED, now, actor, null, details);
				}
				else {
					move(TaskAction.CLASSIFY, QUEUED, now, actor, null, details);
				}
		}
		else if (classification instanceof Classification.Unclassifiable u) {
			classifiedBy = u.decisionRef();
			stateReason = truncate(u.reason(), 500);
			move(TaskAction.ERROR_HOLD, ERROR_HELD, now, actor, stateReason, Map.of("decision", String.valueOf(u.decisionRef())));
		}
	}

	/**
	 * Re-classifies an open task after its data changed (update from the source). An error-held task that now
	 * classifies joins the queue; a waiting task that no longer classifies goes to ERROR_HELD; otherwise the state stays
	 * and a history entry records what the new classification changed, if anything.
	 */
	void reclassify(Classification classification, Instant now, String actor) {
		if (state.isTerminal() || state == CAPTURED) {
			return;
		}
		if (state == ERROR_HELD) {
			if (classification instanceof Classification.Classified) {
				applyClassification(classification, now, actor);
			}
			return;
		}
		if (classification instanceof Classification.Unclassifiable) {
			if (state == QUEUED || state == SCHEDULED) {
				applyClassification(classification, now, actor);
			}
			return;
		}
		Classification.Classified c = (Classification.Classified) classification;
		Set<String> skills = c.requiredSkills() == null ? Set.of() : c.requiredSkills();
		Map<String, Object> details = new LinkedHashMap<>();
		if (!Objects.equals(department, c.department())) {
			details.put("department", String.valueOf(c.department()));
		}
		if (!Objects.equals(process, c.process())) {
			details.put("process", String.valueOf(c.process()));
		}
		if (!Objects.equals(businessValue, c.businessValue())) {
			details.put("businessValue", String.valueOf(c.businessValue()));
		}
		if (!Objects.equals(requiredSkills, skills)) {
			details.put("requiredSkills", new ArrayList<>(skills));
		}
		if (!Objects.equals(dueTime, c.dueTime())) {
			details.put("dueTime", String.valueOf(c.dueTime()));
		}
		if (!Objects.equals(routingProfile, c.routingProfile())) {
			details.put("routingProfile", String.valueOf(c.routingProfile()));
		}
		department = c.department();
		process = c.process();
		businessValue = c.businessValue();
		requiredSkills = new LinkedHashSet<>(skills);
		dueTime = c.dueTime();
		slaWarningAt = c.warningAt();
		routingProfile = c.routingProfile();
		classifiedBy = c.decisionRef();
		if (!details.isEmpty()) {
			details.put("decision", c.decisionRef());
			updatedAt = now;
			record(TaskAction.CLASSIFY, state, state, now, actor, null, details);
		}
	}

	/** A scheduled task whose activation time has come joins the queue. */
	void activate(Instant now, String actor) {
		guard(TaskAction.ACTIVATE, EnumSet.of(SCHEDULED));
		move(TaskAction.ACTIVATE, QUEUED, now, actor, null, Map.of());
	}

	/** Reserves the task for one employee until {@code expiresAt}. */
	void offer(String employee, Instant expiresAt, Instant now, String actor) {
		guard(TaskAction.OFFER, EnumSet.of(QUEUED));
		assignedEmployee = requireText(employee, "employee");
		offerExpiresAt = expiresAt;
		move(TaskAction.OFFER, OFFERED, now, actor, null, Map.of("employee", employee, "expiresAt", expiresAt.toString()));
	}

	/** The offered employee accepts. */
	void accept(String employee, Instant now) {
		guard(TaskAction.ACCEPT, EnumSet.of(OFFERED));
		if (!Objects.equals(assignedEmployee, employee)) {
			throw new IllegalTaskTransitionException(taskId(), state, TaskAction.ACCEPT,
					"Task %s is offered to someone else; only the offered employee can accept it".formatted(taskId()));
		}
		offerExpiresAt = null;
		move(TaskAction.ACCEPT, ASSIGNED, now, employee, null, Map.of("employee", employee));
	}

	/** The offered employee declines; the task goes back to the queue. */
	void decline(String reason, Instant now, String actor) {
		guard(TaskAction.DECLINE, EnumSet.of(OFFERED));
		String employee = assignedEmployee;
		clearAssignment();
		move(TaskAction.DECLINE, QUEUED, now, actor, reason, Map.of("employee", employee));
	}

	/** The offer ran out; the task goes back to the queue. */
	void expireOffer(Instant now) {
		guard(TaskAction.EXPIRE, EnumSet.of(OFFERED));
		String employee = assignedEmployee;
		clearAssignment();
		move(TaskAction.EXPIRE, QUEUED, now, "system", "offer timed out", Map.of("employee", employee));
	}

	/** A supervisor (or auto-accept, or a transfer) hands the task straight to an employee. */
	void assign(String employee, Instant now, String actor) {
		guard(TaskAction.ASSIGN, EnumSet.of(QUEUED, OFFERED, ASSIGNED));
		requireText(employee, "employee");
		if (assignedEmployee != null && !assignedEmployee.equals(employee)) {
			releasedEmployee = assignedEmployee;
		}
		assignedEmployee = employee;
		offerExpiresAt = null;
		move(TaskAction.ASSIGN, ASSIGNED, now, actor, null, Map.of("employee", employee));
	}

	/** The employee parks the task until a time; it is queued again then (and offered to whoever fits best). */
	void defer(Instant until, String reason, Instant now, String actor) {
		guard(TaskAction.DEFER, EnumSet.of(ASSIGNED));
		if (until == null || !until.isAfter(now)) {
			throw new IllegalArgumentException("until must lie in the future");
		}
		clearAssignment();
		activationTime = until;
		move(TaskAction.DEFER, SCHEDULED, now, actor, reason, Map.of("until", until.toString()));
	}

	/** The employee gives the task back. */
	void returnToQueue(String reason, Instant now, String actor) {
		guard(TaskAction.RETURN_TO_QUEUE, EnumSet.of(ASSIGNED));
		String employee = assignedEmployee;
		clearAssignment();
		move(TaskAction.RETURN_TO_QUEUE, QUEUED, now, actor, reason, Map.of("employee", employee));
	}

	/** The employee finished the work. */
	void complete(String outcome, Instant now, String actor) {
		guard(TaskAction.COMPLETE, EnumSet.of(ASSIGNED));
		this.outcome = outcome;
		close(TaskAction.COMPLETE, COMPLETED, now, actor, null, outcomeDetails(outcome));
	}

	/** The source says the work is done (e.g. handled elsewhere). */
	void completeFromSource(String outcome, String note, Instant now, String actor) {
		guard(TaskAction.COMPLETE_FROM_SOURCE, OPEN);
		this.outcome = outcome;
		close(TaskAction.COMPLETE_FROM_SOURCE, COMPLETED, now, actor, note, outcomeDetails(outcome));
	}

	void cancel(String reason, Instant now, String actor) {
		guard(TaskAction.CANCEL, OPEN);
		close(TaskAction.CANCEL, CANCELED, now, actor, reason, Map.of());
	}

	void reject(String reason, Instant now, String actor) {
		guard(TaskAction.REJECT, OPEN);
		close(TaskAction.REJECT, REJECTED, now, actor, reason, Map.of());
	}

	void hold(String reason, Instant now, String actor) {
		guard(TaskAction.HOLD, EnumSet.of(CAPTURED, SCHEDULED, QUEUED, OFFERED, ASSIGNED));
		String employee = assignedEmployee;
		clearAssignment();
		stateReason = truncate(reason, 500);
		move(TaskAction.HOLD, HELD, now, actor, reason, employee == null ? Map.of() : Map.of("employee", employee));
	}

	/** Ends a hold: the task is queued again, or scheduled while its activation time lies in the future. */
	void resume(Instant now, String actor) {
		guard(TaskAction.RESUME, EnumSet.of(HELD));
		stateReason = null;
		move(TaskAction.RESUME, activationTime != null && activationTime.isAfter(now) ? SCHEDULED : QUEUED, now, actor, null,
				Map.of());
	}

	/** Starts processing over: back to CAPTURED, after which the caller classifies it again. */
	void restart(String reason, Instant now, String actor) {
		guard(TaskAction.RESTART, EnumSet.of(HELD, ERROR_HELD, COMPLETED, CANCELED, REJECTED));
		clearAssignment();
		outcome = null;
		closedAt = null;
		stateReason = null;
		waitingSince = null;
		move(TaskAction.RESTART, CAPTURED, now, actor, reason, Map.of());
	}

	/** A supervisor pins the task (it outranks unpinned work) and/or boosts its priority by a fixed amount. */
	void prioritize(boolean pinned, int boost, String reason, Instant now, String actor) {
		guard(TaskAction.PRIORITIZE, OPEN);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("pinned", pinned);
		details.put("boost", boost);
		details.put("previousPinned", priorityPinned);
		details.put("previousBoost", priorityBoost);
		priorityPinned = pinned;
		priorityBoost = boost;
		updatedAt = now;
		record(TaskAction.PRIORITIZE, state, state, now, actor, reason, details);
		registerEvent(new TaskUpdated(taskId(), Set.of("priority"), now, actor));
	}

	/** Fixes the cascade step that may take the task ({@code null}: widen with waiting time again). */
	void retarget(Integer step, String reason, Instant now, String actor) {
		guard(TaskAction.RETARGET, OPEN);
		if (step != null && step < TaskSnapshot.ALL_WITH_SKILLS) {
			throw new IllegalArgumentException("target step must be -1 (everyone with the skills), a step index or null");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("step", step == null ? "cascade" : step == TaskSnapshot.ALL_WITH_SKILLS ? "all" : step);
		details.put("previous", targetStep == null ? "cascade" : targetStep == TaskSnapshot.ALL_WITH_SKILLS ? "all" : targetStep);
		targetStep = step;
		updatedAt = now;
		record(TaskAction.RETARGET, state, state, now, actor, reason, details);
		registerEvent(new TaskUpdated(taskId(), Set.of("targets"), now, actor));
	}

	/** Moves the task to another routing profile. */
	void reroute(String profile, String reason, Instant now, String actor) {
		guard(TaskAction.REROUTE, OPEN);
		requireText(profile, "routingProfile");
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("routingProfile", profile);
		putIfNotNull(details, "previousRoutingProfile", routingProfile);
		routingProfile = profile;
		targetStep = null;
		updatedAt = now;
		record(TaskAction.REROUTE, state, state, now, actor, reason, details);
		registerEvent(new TaskUpdated(taskId(), Set.of("routingProfile"), now, actor));
	}

	/** Records an escalation step (history entry, escalation stage); the state stays. */
	void recordEscalation(String stage, Map<String, Object> details, Instant now, String actor) {
		guard(TaskAction.ESCALATE, OPEN);
		requireText(stage, "stage");
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("stage", stage);
		if (details != null) {
			details.forEach((key, value) -> putIfNotNull(all, key, value));
		}
		escalationStage = truncate(stage, 40);
		updatedAt = now;
		record(TaskAction.ESCALATE, state, state, now, actor, null, all);
	}

	/** Applies a source's update to an open task; returns the names of the fields that changed. */
	Set<String> update(TaskChanges changes, Instant now, String actor) {
		guard(TaskAction.UPDATE, OPEN);
		Map<String, Object> details = new LinkedHashMap<>();
		if (changes.title() != null && !changes.title().equals(title)) {
			details.put("title", changes.title());
			title = changes.title();
		}
		if (changes.description() != null && !changes.description().equals(description)) {
			details.put("description", "changed");
			description = changes.description();
		}
		if (changes.customerSegment() != null && !changes.customerSegment().equals(customerSegment)) {
			details.put("customerSegment", changes.customerSegment());
			customerSegment = changes.customerSegment();
		}
		if (changes.businessValue() != null && !changes.businessValue().equals(businessValue)) {
			details.put("businessValue", changes.businessValue());
			businessValue = changes.businessValue();
		}
		if (changes.dueTime() != null && !changes.dueTime().equals(sourceDueTime)) {
			details.put("dueTime", changes.dueTime().toString());
			dueTime = changes.dueTime();
			sourceDueTime = changes.dueTime();
		}
		if (changes.activationTime() != null && !changes.activationTime().equals(activationTime)) {
			details.put("activationTime", changes.activationTime().toString());
			activationTime = changes.activationTime();
		}
		if (changes.attributes() != null && !changes.attributes().isEmpty()) {
			Map<String, Object> merged = new LinkedHashMap<>(attributes);
			changes.attributes().forEach((key, value) -> {
				if (value == null) {
					merged.remove(key);
				}
				else {
					merged.put(key, value);
				}
			});
			if (!merged.equals(attributes)) {
				details.put("attributes", new ArrayList<>(changes.attributes().keySet()));
				attributes = merged;
			}
		}
		if (!details.isEmpty()) {
			updatedAt = now;
			record(TaskAction.UPDATE, state, state, now, actor, null, details);
			registerEvent(new TaskUpdated(taskId(), Collections.unmodifiableSet(new LinkedHashSet<>(details.keySet())), now, actor));
		}
		return details.keySet();
	}

	private void close(TaskAction action, TaskState to, Instant now, String actor, String reason, Map<String, Object> details) {
		offerExpiresAt = null;
		closedAt = now;
		stateReason = truncate(reason, 500);
		move(action, to, now, actor, reason, details);
	}

	private void clearAssignment() {
		if (assignedEmployee != null) {
			releasedEmployee = assignedEmployee;
		}
		assignedEmployee = null;
		offerExpiresAt = null;
	}

	private void guard(TaskAction action, Set<TaskState> allowed) {
		if (!allowed.contains(state)) {
			throw new IllegalTaskTransitionException(taskId(), state, action, allowed);
		}
	}

	private void move(TaskAction action, TaskState to, Instant now, String actor, String reason, Map<String, Object> details) {
		TaskState from = state;
		updatedAt = now;
		record(action, from, to, now, actor, reason, details);
	}

	private void record(TaskAction action, TaskState from, TaskState to, Instant now, String actor, String reason,
			Map<String, Object> details) {
		state = to;
		if (to == QUEUED && waitingSince == null) {
			waitingSince = now;
		}
		historyCount++;
		unflushedChange = true;
		newHistory.add(new TaskHistoryEntry(id, historyCount, now, actor, action, from, to, truncate(reason, 500), details));
		if (from != to || action == TaskAction.ASSIGN) {
			boolean takes = action == TaskAction.ASSIGN || action == TaskAction.OFFER || action == TaskAction.ACCEPT;
			String employee = takes || releasedEmployee == null ? assignedEmployee : releasedEmployee;
			String previous = takes ? releasedEmployee : null;
			registerEvent(new TaskStateChanged(taskId(), sourceSystem, externalId, action, from, to, now, actor, truncate(reason, 500),
					employee, previous, historyCount));
		}
		releasedEmployee = null;
	}

	/** History entries recorded since the last call; the store persists them with the task. */
	List<TaskHistoryEntry> drainNewHistory() {
		List<TaskHistoryEntry> drained = List.copyOf(newHistory);
		newHistory.clear();
		return drained;
	}

	/** Events registered and not yet published (for tests and the store). */
	List<Object> pendingEvents() {
		return List.copyOf(domainEvents());
	}

	void discardPendingEvents() {
		clearDomainEvents();
	}

	private static Map<String, Object> outcomeDetails(String outcome) {
		return outcome == null ? Map.of() : Map.of("outcome", outcome);
	}

	private static void putIfNotNull(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	@PostLoad
	@PostPersist
	void markNotNew() {
		isNew = false;
		unflushedChange = false;
	}

	@PostUpdate
	void markFlushed() {
		unflushedChange = false;
	}

	@Override
	public UUID getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	public TaskId taskId() {
		return new TaskId(id);
	}

	public TaskState state() {
		return state;
	}

	public String stateReason() {
		return stateReason;
	}

	public String sourceSystem() {
		return sourceSystem;
	}

	public String externalId() {
		return externalId;
	}

	public String outcome() {
		return outcome;
	}

	public Instant offerExpiresAt() {
		return offerExpiresAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public Instant closedAt() {
		return closedAt;
	}

	public long version() {
		return version;
	}

	public TaskSnapshot snapshot() {
		return snapshot(version);
	}

	/**
	 * The task as the next flush will store it: a change not written yet counts in the version (Hibernate raises it by
	 * one when it writes a changed task, however many verbs changed it); a new task is inserted with its version as is.
	 */
	TaskSnapshot snapshotBeforeFlush() {
		return snapshot(unflushedChange && !isNew ? version + 1 : version);
	}

	private TaskSnapshot snapshot(long version) {
		return new TaskSnapshot(taskId(), sourceSystem, externalId, type, title, description, customerId, customerSegment,
				businessValue, createdAt, capturedAt, activationTime, dueTime, department, process,
				Collections.unmodifiableSet(new LinkedHashSet<>(requiredSkills)),
				Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), state, assignedEmployee, classifiedBy, version,
				stateReason, outcome, offerExpiresAt, updatedAt, closedAt, routingProfile, slaWarningAt, waitingSince,
				priorityPinned, priorityBoost, sourceDueTime, targetStep, escalationStage);
	}

}
