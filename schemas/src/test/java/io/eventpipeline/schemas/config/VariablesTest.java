package io.eventpipeline.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

    enum Method { COPY, INSERT }

    @Test
    void shouldTakeTheDefaultWhenAVariableIsUnsetOrBlank() {
        Variables v = Variables.of(Map.of("BLANK", "  "));

        assertThat(v.integer("UNSET", 6)).isEqualTo(6);
        assertThat(v.text("BLANK", "fallback")).isEqualTo("fallback");
        assertThat(v.duration("UNSET", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(v.period("UNSET")).isEmpty();
    }

    @Test
    void shouldParseEveryDurationSpelling() {
        Variables v = Variables.of(Map.of("A", "500ms", "B", "10s", "C", "5m", "D", "24h", "E", "7d", "F", "PT10M",
                "G", "p7d", "H", "250"));

        assertThat(v.duration("A", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(v.duration("B", null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(v.duration("C", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(v.duration("D", null)).isEqualTo(Duration.ofHours(24));
        assertThat(v.duration("E", null)).isEqualTo(Duration.ofDays(7));
        assertThat(v.duration("F", null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(v.duration("G", null)).isEqualTo(Duration.ofDays(7));
        assertThat(v.duration("H", null)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldNameTheVariableWhenAValueDoesNotParse() {
        Variables v = Variables.of(Map.of("TOPIC_PARTITIONS", "six", "COMMIT_INTERVAL", "soon", "BLOOM_ENABLED", "maybe",
                "BLOOM_FPP", "tiny", "PARTITION_RETENTION", "12 months", "WRITER_WRITE_METHOD", "upsert",
                "BIG", "3000000000"));

        assertThatThrownBy(() -> v.integer("TOPIC_PARTITIONS", 6))
                .isInstanceOf(InvalidVariableException.class).hasMessage("TOPIC_PARTITIONS must be an integer, got 'six'");
        assertThatThrownBy(() -> v.duration("COMMIT_INTERVAL", null)).hasMessageStartingWith("COMMIT_INTERVAL must be a duration");
        assertThatThrownBy(() -> v.bool("BLOOM_ENABLED", false)).hasMessage("BLOOM_ENABLED must be true or false, got 'maybe'");
        assertThatThrownBy(() -> v.decimal("BLOOM_FPP", 0.01)).hasMessageStartingWith("BLOOM_FPP must be a number");
        assertThatThrownBy(() -> v.period("PARTITION_RETENTION")).hasMessageStartingWith("PARTITION_RETENTION must be an ISO-8601");
        assertThatThrownBy(() -> v.choice("WRITER_WRITE_METHOD", Method.class, Method.COPY))
                .hasMessage("WRITER_WRITE_METHOD must be one of [COPY, INSERT], got 'upsert'");
        assertThatThrownBy(() -> v.integer("BIG", 1)).hasMessageStartingWith("BIG must be at most");
        assertThatThrownBy(() -> v.required("DATABASE_URL")).hasMessage("DATABASE_URL must be set");
    }

    @Test
    void shouldReadBooleansEnumsAndPeriodsLeniently() {
        Variables v = Variables.of(Map.of("A", "YES", "B", "off", "M", "insert", "P", "P12M"));

        assertThat(v.bool("A", false)).isTrue();
        assertThat(v.bool("B", true)).isFalse();
        assertThat(v.choice("M", Method.class, Method.COPY)).isEqualTo(Method.INSERT);
        assertThat(v.period("P")).contains(Period.ofMonths(12));
    }

    @Test
    void shouldCarryTheVariableNameForReportsThatCollectSeveral() {
        InvalidVariableException e = new InvalidVariableException("REDIS_URL", "must be set");

        assertThat(e.variable()).isEqualTo("REDIS_URL");
        assertThat(e).hasMessage("REDIS_URL must be set");
    }
}
