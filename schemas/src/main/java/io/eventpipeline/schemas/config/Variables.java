package io.eventpipeline.schemas.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way every service reads its settings: by environment-variable name, from any source that
 * maps a name to a value ({@code System::getenv}, Spring's {@code Environment::getProperty}, which also
 * sees {@code --NAME=value} arguments, or a {@code Map::get} in a test). A blank value counts as unset
 * and takes the default. A value that does not parse throws {@link InvalidVariableException} naming the
 * variable; range checks belong to the settings record's compact constructor (STYLE rule 5).
 *
 * <p>Durations accept {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d} or ISO-8601
 * ({@code PT10M}, {@code P7D}).
 */
public final class Variables {

    private final Function<String, String> source;

    private Variables(Function<String, String> source) {
        this.source = source;
    }

    public static Variables of(Function<String, String> source) {
        return new Variables(source);
    }

    public static Variables of(Map<String, String> values) {
        return new Variables(values::get);
    }

    /** The process environment. */
    public static Variables system() {
        return new Variables(System::getenv);
    }

    public Optional<String> optional(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidVariableException(name, "must be set"));
    }

    public int integer(String name, int fallback) {
        long value = longValue(name, fallback);
        return value == (int) value ? (int) value : fail(name, "must be at most " + Integer.MAX_VALUE + ", got " + value);
    }

    public long longValue(String name, long fallback) {
        Optional<String> value = optional(name);
        try {
            return value.isEmpty() ? fallback : Long.parseLong(value.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidVariableException(name, "must be an integer, got '" + value.get() + "'", e);
        }
    }

    public double decimal(String name, double fallback) {
        Optional<String> value = optional(name);
        try {
            return value.isEmpty() ? fallback : Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw new InvalidVariableException(name, "must be a number, got '" + value.get() + "'", e);
        }
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> fail(name, "must be true or false, got '" + value.get() + "'");
        };
    }

    public Duration duration(String name, Duration fallback) {
        Optional<String> value = optional(name);
        try {
            return value.isEmpty() ? fallback : DurationText.parse(value.get());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidVariableException(name,
                    "must be a duration such as 500ms, 10s, 5m, 24h, 7d or PT10M, got '" + value.get() + "'", e);
        }
    }

    /** An ISO-8601 period such as {@code P12M}; empty when unset. */
    public Optional<Period> period(String name) {
        Optional<String> value = optional(name);
        try {
            return value.map(Period::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidVariableException(name, "must be an ISO-8601 period such as P12M, got '" + value.get() + "'", e);
        }
    }

    /** One of an enum's constants, case-insensitive. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.get().replace('-', '_'))) {
                return constant;
            }
        }
        return fail(name, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + value.get() + "'");
    }

    /** Throws when {@code condition} does not hold; for compact constructors. */
    public static void require(boolean condition, String variable, String problem) {
        if (!condition) {
            throw new InvalidVariableException(variable, problem);
        }
    }

    private static <T> T fail(String name, String problem) {
        throw new InvalidVariableException(name, problem);
    }
}
