package io.eventpipeline.ingest.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.schemas.config.Variables;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {

    @Test
    void shouldTraceWithoutExportByDefault() {
        TracingSettings settings = TracingSettings.from(Variables.of(Map.of()));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.samplingProbability()).isEqualTo(0.1);
        assertThat(settings.tracesUrl()).isEmpty();
    }

    @Test
    void shouldPostToV1TracesUnderTheEndpointWhenOneIsSet() {
        TracingSettings settings = TracingSettings.from(Variables.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")));

        assertThat(settings.tracesUrl()).hasValue("http://collector:4318/v1/traces");
    }

    @Test
    void shouldNameTheVariableWhenAValueIsWrong() {
        assertThatThrownBy(() -> TracingSettings.from(Variables.of(Map.of("TRACING_SAMPLING_PROBABILITY", "1.5"))))
                .hasMessageStartingWith("TRACING_SAMPLING_PROBABILITY");
        assertThatThrownBy(() -> TracingSettings.from(Variables.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"))))
                .hasMessageStartingWith("OTEL_EXPORTER_OTLP_ENDPOINT");
    }
}
