package io.eventpipeline.read.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * Query monitoring: statements at least {@code SLOW_QUERY_THRESHOLD} long are counted and logged; with
 * {@code QUERY_EXPLAIN_ENABLED} (on in the {@code dev} profile, read-api-dev.yml) a slow plain read on the read
 * pool is explained, and a sequential scan that read at least {@code QUERY_EXPLAIN_SEQ_SCAN_MIN_ROWS} rows is
 * reported with the index that would avoid it.
 */
public record QuerySettings(Duration slowThreshold, boolean explain, long seqScanMinRows) {

    public QuerySettings {
        require(slowThreshold != null && !slowThreshold.isNegative(), "SLOW_QUERY_THRESHOLD", "must be >= 0ms");
        require(seqScanMinRows >= 0, "QUERY_EXPLAIN_SEQ_SCAN_MIN_ROWS", "must be >= 0");
    }

    static QuerySettings from(Variables v) {
        return new QuerySettings(v.duration("SLOW_QUERY_THRESHOLD", Duration.ofMillis(500)),
                v.bool("QUERY_EXPLAIN_ENABLED", false), v.longValue("QUERY_EXPLAIN_SEQ_SCAN_MIN_ROWS", 1000));
    }
}
