package org.openwd.connector.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of a field's conversion chain, written after the path with a bar: {@code /due | date:dd.MM.yyyy HH:mm@Europe/Berlin}.
 * <table>
 * <caption>conversions</caption>
 * <tr><td>{@code date}</td><td>ISO-8601 instant or offset date-time, or a database timestamp (UTC)</td></tr>
 * <tr><td>{@code date:PATTERN[@ZONE]}</td><td>a {@link DateTimeFormatter} pattern; a date without time is the start of
 * the day; the zone (default UTC) applies when the text has no offset</td></tr>
 * <tr><td>{@code epoch-seconds}, {@code epoch-millis}</td><td>a number since 1970-01-01T00:00Z</td></tr>
 * <tr><td>{@code number}, {@code integer}, {@code boolean}</td><td>parse text into a number, a whole number, true/false/yes/no/1/0</td></tr>
 * <tr><td>{@code enum:A=x,B=y[,*=z]}</td><td>maps a value (case-insensitive); {@code *} catches the rest, else an
 * unknown value is an error</td></tr>
 * <tr><td>{@code default:VALUE}</td><td>used when nothing (or blank text) is there</td></tr>
 * <tr><td>{@code required}</td><td>nothing there is an error</td></tr>
 * <tr><td>{@code trim}, {@code upper}, {@code lower}</td><td>text clean-up</td></tr>
 * <tr><td>{@code split:SEP}</td><td>text into a list (default separator comma)</td></tr>
 * </table>
 */
@FunctionalInterface
public interface Conversion {

	/**
	 * @param value the value so far (may be {@code null})
	 * @return the converted value
	 * @throws IllegalArgumentException with a message saying what is wrong with the value
	 */
	Object apply(Object value);

	/** Parses one step, e.g. {@code "date:yyyy-MM-dd"}. */
	static Conversion parse(String step) {
		String trimmed = step.trim();
		int colon = trimmed.indexOf(':');
		String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
		String argument = colon < 0 ? null : trimmed.substring(colon + 1);
		return switch (name) {
			case "date" -> date(argument);
			case "epoch-seconds" -> value -> value == null ? null : Instant.ofEpochSecond(number(value).longValueExact());
			case "epoch-millis" -> value -> value == null ? null : Instant.ofEpochMilli(number(value).longValueExact());
			case "number" -> value -> value == null ? null : number(value);
			case "integer" -> value -> value == null ? null : integer(value);
			case "boolean" -> value -> value == null ? null : bool(value);
			case "enum" -> enumeration(argument);
			case "default" -> value -> blank(value) ? argument : value;
			case "required" -> value -> {
				if (blank(value)) {
					throw new IllegalArgumentException("is required but missing");
				}
				return value;
			};
			case "trim" -> value -> value instanceof String text ? text.trim() : value;
			case "upper" -> value -> value instanceof String text ? text.toUpperCase(Locale.ROOT) : value;
			case "lower" -> value -> value instanceof String text ? text.toLowerCase(Locale.ROOT) : value;
			case "split" -> split(argument == null || argument.isEmpty() ? "," : argument);
			default -> throw new IllegalArgumentException("unknown conversion " + name
					+ " (known: date, epoch-seconds, epoch-millis, number, integer, boolean, enum, default, required, trim, upper, lower, split)");
		};
	}

	private static boolean blank(Object value) {
		return value == null || (value instanceof String text && text.isBlank());
	}

	private static Conversion date(String argument) {
		if (argument == null || argument.isBlank()) {
			return value -> value == null ? null : isoInstant(value);
		}
		int at = argument.lastIndexOf('@');
		String pattern = at < 0 ? argument : argument.substring(0, at);
		ZoneId zone = at < 0 ? ZoneOffset.UTC : ZoneId.of(argument.substring(at + 1).trim());
		DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
		return value -> {
			if (value == null) {
				return null;
			}
			if (!(value instanceof String text)) {
				return temporal(value, zone);
			}
			try {
				TemporalAccessor parsed = formatter.parseBest(text.trim(), ZonedDateTime::from, OffsetDateTime::from,
						LocalDateTime::from, LocalDate::from);
				if (parsed instanceof ZonedDateTime zoned) {
					return zoned.toInstant();
				}
				if (parsed instanceof OffsetDateTime offset) {
					return offset.toInstant();
				}
				if (parsed instanceof LocalDateTime local) {
					return local.atZone(zone).toInstant();
				}
				return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException('"' + text + "\" does not match " + pattern);
			}
		};
	}

	/** ISO text, or a java.time/java.sql value as a database driver hands it out. */
	static Instant isoInstant(Object value) {
		if (value instanceof String text) {
			String trimmed = text.trim();
			try {
				return Instant.parse(trimmed);
			}
			catch (DateTimeParseException notInstant) {
				try {
					return OffsetDateTime.parse(trimmed).toInstant();
				}
				catch (DateTimeParseException notOffset) {
					try {
						return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
					}
					catch (DateTimeParseException ex) {
						throw new IllegalArgumentException('"' + text + "\" is not an ISO-8601 date-time");
					}
				}
			}
		}
		return temporal(value, ZoneOffset.UTC);
	}

	private static Instant temporal(Object value, ZoneId zone) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		if (value instanceof ZonedDateTime zoned) {
			return zoned.toInstant();
		}
		if (value instanceof LocalDateTime local) {
			return local.atZone(zone).toInstant();
		}
		if (value instanceof LocalDate date) {
			return date.atStartOfDay(zone).toInstant();
		}
		if (value instanceof java.util.Date date) {
			return date.toInstant();
		}
		throw new IllegalArgumentException("is a " + value.getClass().getSimpleName() + ", not a date");
	}

	static BigDecimal number(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		try {
			return new BigDecimal(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException('"' + value.toString() + "\" is not a number");
		}
	}

	static Integer integer(Object value) {
		BigDecimal number = number(value);
		try {
			return number.stripTrailingZeros().intValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException('"' + value.toString() + "\" is not a whole number in the int range");
		}
	}

	static Boolean bool(Object value) {
		if (value instanceof Boolean bool) {
			return bool;
		}
		return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "y", "1" -> true;
			case "false", "no", "n", "0" -> false;
			default -> throw new IllegalArgumentException('"' + value.toString() + "\" is not a boolean");
		};
	}

	private static Conversion enumeration(String argument) {
		if (argument == null || argument.isBlank()) {
			throw new IllegalArgumentException("enum needs a table, e.g. enum:N=capture,C=cancel");
		}
		Map<String, String> table = new LinkedHashMap<>();
		for (String pair : argument.split(",")) {
			int equals = pair.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("enum entry " + pair + " is not KEY=VALUE");
			}
			table.put(pair.substring(0, equals).trim().toLowerCase(Locale.ROOT), pair.substring(equals + 1).trim());
		}
		String fallback = table.remove("*");
		return value -> {
			if (value == null) {
				return fallback;
			}
			String mapped = table.get(value.toString().trim().toLowerCase(Locale.ROOT));
			if (mapped != null) {
				return mapped;
			}
			if (fallback != null) {
				return fallback;
			}
			throw new IllegalArgumentException('"' + value.toString() + "\" is not one of " + String.join(", ", table.keySet()));
		};
	}

	private static Conversion split(String separator) {
		return value -> {
			if (value == null) {
				return null;
			}
			if (value instanceof Collection<?> collection) {
				return new ArrayList<>(collection);
			}
			List<String> parts = new ArrayList<>();
			Arrays.stream(value.toString().split(java.util.regex.Pattern.quote(separator)))
				.map(String::trim)
				.filter(part -> !part.isEmpty())
				.forEach(parts::add);
			return parts;
		};
	}

}
