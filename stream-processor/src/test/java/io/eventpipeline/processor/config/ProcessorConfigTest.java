package io.eventpipeline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorConfigLoaderTest {

    @Test
    void shouldApplyDefaultsWhenNothingIsSet() {
        ProcessorConfig config = ProcessorConfigLoader.load(name -> null);

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

        ProcessorConfig config = ProcessorConfigLoader.load(env::get);

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
        ProcessorConfig config = ProcessorConfigLoader.load(name -> null);

        Properties streams = StreamsSettings.of(config);

        // the version store is cached (Versioning); without a budget its cache would hold nothing
        assertThat((Long) streams.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isPositive();
    }

    @Test
    void shouldNameTheVariableWhenAValueDoesNotParse() {
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("DEDUP_RETENTION", "7 days")::get))
                .hasMessageContaining("DEDUP_RETENTION");
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("STREAM_THREADS", "many")::get))
                .hasMessageContaining("STREAM_THREADS");
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("BLOOM_ENABLED", "maybe")::get))
                .hasMessageContaining("BLOOM_ENABLED");
    }

    @Test
    void shouldNameTheVariableWhenAValueIsOutOfRange() {
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("DEDUP_RETENTION", "PT0S")::get))
                .hasMessage("DEDUP_RETENTION must be > 0");
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("STREAM_THREADS", "0")::get))
                .hasMessage("STREAM_THREADS must be > 0");
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("STANDBY_REPLICAS", "-1")::get))
                .hasMessage("STANDBY_REPLICAS must be >= 0");
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("BLOOM_FPP", "0.9")::get))
                .hasMessageContaining("BLOOM_FPP");
        assertThatThrownBy(() -> ProcessorConfigLoader.load(Map.of("TOPIC_PREFIX", "a b")::get))
                .hasMessageContaining("TOPIC_PREFIX");
    }
}
