package io.eventpipeline.admin.config;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes and durations for the tables. */
public final class Units {

    private Units() {
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A Kafka retention in milliseconds; -1 means kept forever. */
    public static String retention(String millis) {
        if (millis == null) {
            return null;
        }
        long ms = Long.parseLong(millis);
        return ms < 0 ? "forever" : duration(Duration.ofMillis(ms));
    }

    public static String retentionBytes(String bytes) {
        if (bytes == null) {
            return null;
        }
        long value = Long.parseLong(bytes);
        return value < 0 ? "unbounded" : bytes(value);
    }

    public static String duration(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
