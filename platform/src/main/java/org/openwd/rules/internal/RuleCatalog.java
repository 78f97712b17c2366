package org.openwd.rules.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.openwd.rules.RoutingProfile;
import org.openwd.rules.calendar.BusinessCalendar;
import org.openwd.rules.calendar.CalendarDefinition;
import org.openwd.rules.internal.dmn.ClassificationDecision;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The active rules, parsed once per version and held in memory so a decision costs no database read. A change saved
 * on this node applies to the next decision at once; changes from other nodes within the refresh interval.
 */
@Component
public class RuleCatalog implements org.openwd.rules.RoutingProfiles, org.openwd.rules.BusinessCalendars {

	private static final Logger log = LoggerFactory.getLogger(RuleCatalog.class);

	/** A parsed document and the version it came from. */
	public record Versioned<T>(T value, int version) {
	}

	private final ConfigStore store;

	private final ObjectMapper mapper;

	private final Map<String, Map<String, Versioned<?>>> cache = new ConcurrentHashMap<>();

	private final Map<String, Long> fingerprints = new ConcurrentHashMap<>();

	/** Moves whenever a cached kind is dropped or loaded, so a caller can tell whether it read stale rules. */
	private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

	private final Map<String, Function<String, ?>> parsers = new HashMap<>();

	RuleCatalog(ConfigStore store, ObjectMapper mapper) {
		this.store = store;
		this.mapper = mapper;
		parsers.put(ConfigStore.ROUTING_PROFILE, json -> read(json, RoutingProfile.class));
		parsers.put(ConfigStore.CALENDAR, json -> BusinessCalendar.of(read(json, CalendarDefinition.class)));
		parsers.put(ConfigStore.DECISION, ClassificationDecision::parse);
		store.onChange(cache::remove);
	}

	public Optional<Versioned<RoutingProfile>> profile(String name) {
		return get(ConfigStore.ROUTING_PROFILE, name);
	}

	public Map<String, Versioned<?>> profiles() {
		return snapshot(ConfigStore.ROUTING_PROFILE);
	}

	@Override
	public Optional<RoutingProfile> find(String name) {
		return profile(name).map(Versioned::value);
	}

	@Override
	public Map<String, org.openwd.rules.RoutingProfiles.Versioned> all() {
		Map<String, org.openwd.rules.RoutingProfiles.Versioned> all = new HashMap<>();
		profiles().forEach((name, versioned) -> all.put(name,
				new org.openwd.rules.RoutingProfiles.Versioned((RoutingProfile) versioned.value(), versioned.version())));
		return all;
	}

	@Override
	public Optional<java.time.Instant> plus(String calendar, java.time.Instant start, java.time.Duration businessDuration) {
		return calendar(calendar).map(c -> c.value().plus(start, businessDuration));
	}

	public Optional<Versioned<BusinessCalendar>> calendar(String name) {
		return get(ConfigStore.CALENDAR, name);
	}

	public Optional<Versioned<ClassificationDecision>> decision(String key) {
		return get(ConfigStore.DECISION, key);
	}

	/** Forgets everything of a kind; the next read loads it again. */
	public void invalidate(String kind) {
		cache.remove(kind);
		generation.incrementAndGet();
	}

	/**
	 * A number that changes whenever any cached rules were dropped or reloaded. Read it before using the rules: if it
	 * differs afterwards, the rules used may have been stale.
	 */
	public long generation() {
		return generation.get();
	}

	@SuppressWarnings("unchecked")
	private <T> Optional<Versioned<T>> get(String kind, String name) {
		return Optional.ofNullable((Versioned<T>) snapshot(kind).get(name));
	}

	private Map<String, Versioned<?>> snapshot(String kind) {
		return cache.computeIfAbsent(kind, this::load);
	}

	private Map<String, Versioned<?>> load(String kind) {
		generation.incrementAndGet();
		Map<String, Versioned<?>> loaded = new HashMap<>();
		fingerprints.put(kind, store.fingerprint(kind));
		for (ConfigStore.Document document : store.list(kind)) {
			try {
				loaded.put(document.name(), new Versioned<>(parsers.get(kind).apply(document.definition()), document.version()));
			}
			catch (RuntimeException ex) {
				log.error("Stored {} {} v{} cannot be parsed; it is ignored", kind, document.name(), document.version(), ex);
			}
		}
		return Map.copyOf(loaded);
	}

	@Scheduled(fixedDelayString = "${openwd.rules.refresh-interval:PT2S}")
	void refreshOnSchedule() {
		refresh();
	}

	/** Picks up changes other nodes saved; {@code true} if anything changed. */
	@Override
	public boolean refresh() {
		boolean changed = false;
		for (String kind : parsers.keySet()) {
			Long known = fingerprints.get(kind);
			if (known != null && known != store.fingerprint(kind)) {
				cache.remove(kind);
				generation.incrementAndGet();
				changed = true;
			}
		}
		return changed;
	}

	private <T> T read(String json, Class<T> type) {
		try {
			return mapper.readValue(json, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable " + type.getSimpleName(), ex);
		}
	}

}
