package io.eventpipeline.read.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * Query monitoring: statements at least {@code SLOW_QUERY_THRESHOLD} long are counted and logged; with
 * {@code QUERY_EXPLAIN_ENABLED} (on in the {@code dev} profile, read-api-dev.yml) a slow named SELECT on the read
 * pool is explained in the background.
 */
public record QuerySettings(Duration slowThreshold, boolean explain) {

    public QuerySettings {
        require(slowThreshold != null && !slowThreshold.isNegative(), "SLOW_QUERY_THRESHOLD", "must be >= 0ms");
    }

    static QuerySettings from(Variables v) {
        return new QuerySettings(v.duration("SLOW_QUERY_THRESHOLD", Duration.ofMillis(500)),
                v.bool("QUERY_EXPLAIN_ENABLED", false));
    }
}
