package io.eventpipeline.ingest.tracing;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.Variables;
import java.net.URI;
import java.util.Optional;

/**
 * How the ingest-api traces (docs/decisions.md D5), validated at start.
 *
 * @param enabled             {@code TRACING_ENABLED} (default true): false leaves no span and no traceparent
 *                            anywhere (the benchmark's "off")
 * @param samplingProbability {@code TRACING_SAMPLING_PROBABILITY} (default 0.1) for traces that start here; a
 *                            caller's traceparent decides for its own trace (parent-based)
 * @param otlpEndpoint        {@code OTEL_EXPORTER_OTLP_ENDPOINT}, the OTLP/HTTP base URL; spans go to
 *                            {@code <endpoint>/v1/traces}. Unset: no exporter, no network
 */
public record TracingSettings(boolean enabled, double samplingProbability, Optional<URI> otlpEndpoint) {

    public static final String ENABLED = "TRACING_ENABLED";
    public static final String SAMPLING = "TRACING_SAMPLING_PROBABILITY";
    public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public TracingSettings {
        require(samplingProbability >= 0 && samplingProbability <= 1, SAMPLING, "must be between 0 and 1");
        otlpEndpoint.ifPresent(uri -> require(isHttp(uri), OTLP_ENDPOINT, "must be an http:// or https:// URL"));
    }

    public static TracingSettings from(Variables v) {
        return new TracingSettings(v.bool(ENABLED, true), v.decimal(SAMPLING, 0.1),
                v.optional(OTLP_ENDPOINT).map(TracingSettings::uri));
    }

    /** Where OTLP/HTTP spans are posted, as the OpenTelemetry specification derives it from the base URL. */
    public Optional<String> tracesUrl() {
        return otlpEndpoint.map(uri -> uri.toString().replaceAll("/+$", "") + "/v1/traces");
    }

    private static URI uri(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            require(false, OTLP_ENDPOINT, "must be a URL, got " + text);
            throw e;
        }
    }

    private static boolean isHttp(URI uri) {
        return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    }
}
