package io.eventpipeline.projection.config;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/** Reads one property and, when it cannot be parsed, fails naming the environment variable behind it. */
final class EnvironmentReader {

    private final Environment env;

    EnvironmentReader(Environment env) {
        this.env = env;
    }

    String string(String key, String variable) {
        String value = env.getProperty(key);
        return value == null ? "" : value.trim();
    }

    int integer(String key, String variable) {
        String value = string(key, variable);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be an integer: '" + value + "'", e);
        }
    }

    boolean bool(String key, String variable) {
        String value = string(key, variable);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(variable + " must be true or false: '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    Duration duration(String key, String variable) {
        String value = string(key, variable);
        try {
            return DurationStyle.detectAndParse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(variable + " must be a duration such as 250ms, 5s or PT1H: '" + value + "'", e);
        }
    }
}
