package io.eventpipeline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.config.InvalidVariableException;
import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    @Test
    void shouldApplyDefaultsWhenNothingIsSet() {
        ProcessorConfig config = ProcessorConfig.from(Variables.of(Map.of()));

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topicPrefix()).isEmpty();
        assertThat(config.effectiveApplicationId()).isEqualTo("event-pipeline-processor");
        assertThat(config.dedupRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.bloom().enabled()).isFalse();
        assertThat(config.streamThreads()).isEqualTo(2);
        assertThat(config.standbyReplicas()).isZero();
    }

    @Test
    void shouldReadEveryVariableWhenSet() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092", "TOPIC_PREFIX", "staging.",
                "PROCESSOR_APPLICATION_ID", "proc", "STREAM_THREADS", "4", "STANDBY_REPLICAS", "1",
                "DEDUP_RETENTION", "PT36H", "BLOOM_ENABLED", "true", "BLOOM_FPP", "0.001",
                "STREAMS_STATE_DIR", "/var/lib/proc");

        ProcessorConfig config = ProcessorConfig.from(Variables.of(env));

        assertThat(config.effectiveApplicationId()).isEqualTo("staging.proc");
        assertThat(config.dedupRetention()).isEqualTo(Duration.ofHours(36));
        assertThat(config.bloom().enabled()).isTrue();
        assertThat(config.bloom().falsePositiveRate()).isEqualTo(0.001);
        Properties streams = StreamsSettings.of(config);
        assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(4);
        assertThat(streams.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(streams.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("staging.proc");
        assertThat(streams.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/proc");
    }

    @Test
    void shouldGiveTheRecordCacheABudgetWhenBuildingStreamsProperties() {
        ProcessorConfig config = ProcessorConfig.from(Variables.of(Map.of()));

        Properties streams = StreamsSettings.of(config);

        // the version store is cached (Versioning); without a budget its cache would hold nothing
        assertThat((Long) streams.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isPositive();
    }

    @Test
    void shouldNameTheVariableWhenAValueDoesNotParse() {
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("DEDUP_RETENTION", "7 days"))))
                .hasMessageContaining("DEDUP_RETENTION");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("STREAM_THREADS", "many"))))
                .hasMessageContaining("STREAM_THREADS");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("BLOOM_ENABLED", "maybe"))))
                .hasMessageContaining("BLOOM_ENABLED");
    }

    @Test
    void shouldNameTheVariableWhenAValueIsOutOfRange() {
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("DEDUP_RETENTION", "PT0S"))))
                .isInstanceOf(InvalidVariableException.class).hasMessage("DEDUP_RETENTION must be > 0");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("PROCESSOR_SHARDS", "0"))))
                .hasMessageStartingWith("PROCESSOR_SHARDS must be between 1 and");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("HEALTH_STALL_WINDOW", "5s"))))
                .hasMessage("HEALTH_STALL_WINDOW must be at least twice HEALTH_CHECK_INTERVAL");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("STREAM_THREADS", "0"))))
                .hasMessage("STREAM_THREADS must be > 0");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("STANDBY_REPLICAS", "-1"))))
                .hasMessage("STANDBY_REPLICAS must be >= 0");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("BLOOM_FPP", "0.9"))))
                .hasMessageContaining("BLOOM_FPP");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("TOPIC_PREFIX", "a b"))))
                .hasMessageContaining("TOPIC_PREFIX");
    }

    @Test
    void shouldSetTheSessionTimeoutAndNameTheVariableWhenOutOfRange() {
        Properties defaults = StreamsSettings.of(ProcessorConfig.from(Variables.of(Map.of())));
        Properties set = StreamsSettings.of(ProcessorConfig.from(Variables.of(Map.of("SESSION_TIMEOUT", "30s",
                "HEARTBEAT_INTERVAL", "5s", "PROCESSOR_INSTANCE_ID", "proc-0"))));

        assertThat(defaults.get(StreamsConfig.consumerPrefix("session.timeout.ms"))).isEqualTo(10_000);
        assertThat(set.get(StreamsConfig.consumerPrefix("session.timeout.ms"))).isEqualTo(30_000);
        assertThat(set.get(StreamsConfig.consumerPrefix("heartbeat.interval.ms"))).isEqualTo(5_000);
        assertThat(set.get(StreamsConfig.consumerPrefix("group.instance.id"))).isEqualTo("proc-0");
        assertThat(defaults.get(StreamsConfig.consumerPrefix("group.instance.id"))).isNull();
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("SESSION_TIMEOUT", "3s"))))
                .hasMessageStartingWith("SESSION_TIMEOUT");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("HEARTBEAT_INTERVAL", "5s"))))
                .hasMessageStartingWith("HEARTBEAT_INTERVAL");
        assertThatThrownBy(() -> ProcessorConfig.from(Variables.of(Map.of("PROCESSOR_INSTANCE_ID", "a b"))))
                .hasMessageStartingWith("PROCESSOR_INSTANCE_ID");
    }
}
