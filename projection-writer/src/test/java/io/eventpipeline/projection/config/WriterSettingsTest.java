package io.eventpipeline.projection.config;

import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.projection.write.WriteMethod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.config.KafkaSettings;
import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
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
        assertThat(from(Map.of("PARTITION_RETENTION", "P12M")).retention()).isEqualTo(Period.ofMonths(12));
        assertThat(from(Map.of("PARTITION_RETENTION", "")).retention()).isNull();
        assertThatThrownBy(() -> from(Map.of("PARTITION_RETENTION", "12 months"))).hasMessageContaining("PARTITION_RETENTION");
        assertThatThrownBy(() -> from(Map.of("WRITER_WRITE_METHOD", "fast"))).hasMessageContaining("WRITER_WRITE_METHOD");
    }

    @Test
    void shouldTakeTheDocumentedDefaultsWhenNothingIsSet() {
        WriterSettings settings = from(Map.of());

        assertThat(settings.groupId()).isEqualTo("event-pipeline-projection-writer");
        assertThat(settings.batchMaxRecords()).isEqualTo(2000);
        assertThat(settings.batchMaxWait()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.writeMethod()).isEqualTo(WriteMethod.COPY);
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.upkeepInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldReadPoolsFromTheSameVariablesWhenConfigured() {
        DatabasePools pools = DatabasePools.from(Variables.of(Map.of("DATABASE_URL", "jdbc:postgresql://db:6432/events",
                "WRITE_POOL_SIZE", "8")));

        assertThat(pools.write().jdbcUrl()).isEqualTo("jdbc:postgresql://db:6432/events");
        assertThat(pools.write().maxSize()).isEqualTo(8);
        assertThatThrownBy(() -> DatabasePools.from(Variables.of(Map.of("WRITE_POOL_SIZE", "many"))))
                .hasMessageStartingWith("WRITE_POOL_SIZE must be an integer");
    }

    private static WriterSettings from(Map<String, String> variables) {
        return WriterSettings.from(Variables.of(variables));
    }

    @Test
    void shouldKeepThePasswordOutOfTheTextWhenPoolSettingsAreLogged() {
        PoolSettings pool = new PoolSettings("write", "jdbc:postgresql://db/x", "app", "s3cret", 4, 1,
                Duration.ofSeconds(5));

        assertThat(pool.toString()).doesNotContain("s3cret").contains("write");
        assertThatThrownBy(() -> new PoolSettings("write", "mysql://x", "u", "p", 1, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> new PoolSettings("write", "jdbc:postgresql://db/x", "u", "p", 0, 0,
                Duration.ofSeconds(1))).hasMessageContaining("WRITE_POOL_SIZE");
    }

    private static WriterSettings settings(int batch, Duration wait, int premake) {
        return new WriterSettings(KafkaSettings.plaintext("localhost:9092", ""), "g", batch, wait, WriteMethod.COPY,
                premake, null, false, true, Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60), SizeBudget.DEFAULT);
    }
}
