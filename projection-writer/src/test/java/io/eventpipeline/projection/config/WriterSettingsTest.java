package io.eventpipeline.projection.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

class WriterSettingsTest {

    @Test
    void shouldNameTheVariableWhenABatchBoundIsInvalid() {
        assertThatThrownBy(() -> settings(0, Duration.ofMillis(100), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WRITER_BATCH_MAX_RECORDS");
        assertThatThrownBy(() -> settings(100, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WRITER_BATCH_MAX_WAIT");
        assertThatThrownBy(() -> settings(100, Duration.ofMillis(100), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PARTITION_PREMAKE_MONTHS");
    }

    @Test
    void shouldParseRetentionAsAPeriodWhenSetAndKeepEverythingWhenEmpty() {
        assertThat(WriterSettings.parseRetention("P12M")).isEqualTo(Period.ofMonths(12));
        assertThat(WriterSettings.parseRetention("")).isNull();
        assertThatThrownBy(() -> WriterSettings.parseRetention("12 months")).hasMessageContaining("PARTITION_RETENTION");
        assertThatThrownBy(() -> WriterSettings.parseWriteMethod("fast")).hasMessageContaining("WRITER_WRITE_METHOD");
    }

    @Test
    void shouldKeepThePasswordOutOfTheTextWhenPoolSettingsAreLogged() {
        PoolSettings pool = new PoolSettings("write", "jdbc:postgresql://db/x", "app", "s3cret", 4, 1,
                Duration.ofSeconds(5), null);

        assertThat(pool.toString()).doesNotContain("s3cret").contains("write");
        assertThatThrownBy(() -> new PoolSettings("read", "mysql://x", "u", "p", 1, 0, Duration.ofSeconds(1), null))
                .hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> new PoolSettings("analytics", "jdbc:postgresql://db/x", "u", "p", 0, 0,
                Duration.ofSeconds(1), null)).hasMessageContaining("ANALYTICS_POOL_SIZE");
    }

    private static WriterSettings settings(int batch, Duration wait, int premake) {
        return new WriterSettings("localhost:9092", "", 6, (short) 1, "g", batch, wait, WriterSettings.WriteMethod.COPY,
                premake, null, false, true, Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
