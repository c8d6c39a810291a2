package io.eventpipeline.schemas.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d} and ISO-8601 ({@code PT10M}, {@code P7D}). */
final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(-?\\d+)\\s*(ns|us|ms|s|m|h|d)?");

    private DurationText() {
    }

    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p") || value.startsWith("-p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        Matcher m = SIMPLE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ns" -> Duration.ofNanos(amount);
            case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000));
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
