package io.eventpipeline.read.api;

/** A query parameter out of range or missing: a 400 problem naming it. */
final class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    static int limit(Integer value, int defaultValue, int max) {
        int limit = value == null ? defaultValue : value;
        if (limit < 1 || limit > max) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + max);
        }
        return limit;
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(name, name + " is required");
        }
        return value;
    }
}
