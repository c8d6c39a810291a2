package io.eventpipeline.schemas;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for wire formats: ISO-8601 instants, unknown fields tolerated (forward compatible),
 * and numbers kept with every digit the producer sent: a tree holds a decimal as {@code BigDecimal} (not
 * {@code double}, which turned {@code 12345678901234567890.123456789} into {@code 12345678901234567000})
 * and keeps its trailing zeros, so a payload written back out says what it said when it came in.
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }
}
