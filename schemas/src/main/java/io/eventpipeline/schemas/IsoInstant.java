package io.eventpipeline.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;

/**
 * {@link Instant#parse} for the form instants are written in ({@code 2026-11-27T08:00:00.123Z}), without
 * the formatter machinery, which cost more than the rest of reading an envelope. Any other text, and any
 * field out of range, goes to {@link Instant#parse} itself, so the result, and the exception for text it
 * refuses, are exactly those of {@link Instant#parse} (a property test compares the two).
 */
public final class IsoInstant {

    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstant() {
    }

    public static Instant parse(String text) {
        Instant fast = parseSimple(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * Whether {@code text} is exactly what {@link Instant#toString} writes for the instant it names: four-digit
     * year, and a fraction of 0, 3, 6 or 9 digits, the shortest of those that holds the nanoseconds.
     */
    public static boolean isCanonical(String text) {
        if (parseSimple(text) == null) {
            return false;
        }
        int fractionDigits = text.length() == 20 ? 0 : text.length() - 21;
        int nanos = 0;
        for (int i = 0; i < fractionDigits; i++) {
            nanos += (text.charAt(20 + i) - '0') * NANOS_PER_DIGIT[i];
        }
        return fractionDigits == shortestFraction(nanos);
    }

    /**
     * Whether {@code text} is in the simple form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range
     * (no leap second): a valid RFC 3339 date-time, whatever else is also valid.
     */
    public static boolean isPlain(String text) {
        return parseSimple(text) != null;
    }

    private static int shortestFraction(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        if (nanos % 1_000_000 == 0) {
            return 3;
        }
        return nanos % 1_000 == 0 ? 6 : 9;
    }

    // yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z with every field in range, else null
    private static Instant parseSimple(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || length > 20 && text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        for (int i = 20; i < length - 1; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            nanos += digit * NANOS_PER_DIGIT[i - 20];
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // the number in text[from, from + count), or -1 when a character is not an ASCII digit
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
