package io.eventpipeline.schemas;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic registry. Every module reads topic names and serdes from here, so a rename happens in
 * one place. Keys are {@code aggregateType/aggregateId} except on {@code cache.invalidations}, whose
 * key is the cache key being invalidated.
 */
public final class Topics {

    public static final Topic<String, EventEnvelope> EVENTS_RAW =
            new Topic<>("events.raw", Serdes.String(), JsonSerde.of(EventEnvelope.class));
    public static final Topic<String, EventEnvelope> EVENTS_LOG =
            new Topic<>("events.log", Serdes.String(), JsonSerde.of(EventEnvelope.class));
    public static final Topic<String, RejectedEvent> EVENTS_REJECTED =
            new Topic<>("events.rejected", Serdes.String(), JsonSerde.of(RejectedEvent.class));
    public static final Topic<String, CacheInvalidation> CACHE_INVALIDATIONS =
            new Topic<>("cache.invalidations", Serdes.String(), JsonSerde.of(CacheInvalidation.class));

    /** Header carrying the rejection reason on {@code events.rejected}, so it can be filtered without parsing. */
    public static final String REASON_HEADER = "reason";

    public static final List<Topic<String, ?>> ALL =
            List.of(EVENTS_RAW, EVENTS_LOG, EVENTS_REJECTED, CACHE_INVALIDATIONS);

    private Topics() {
    }
}
