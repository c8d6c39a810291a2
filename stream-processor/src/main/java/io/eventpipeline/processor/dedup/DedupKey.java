package io.eventpipeline.processor.dedup;

import com.google.common.hash.Funnel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What a duplicate is the same as: an eventId of one producer (docs/decisions.md D1). Producer B sending an
 * id A will use is another event, so B can never pre-empt A's events.
 */
public record DedupKey(String producerId, UUID eventId) {

    static final Funnel<DedupKey> FUNNEL = (key, sink) -> sink.putString(key.producerId(), StandardCharsets.UTF_8)
            .putLong(key.eventId().getMostSignificantBits()).putLong(key.eventId().getLeastSignificantBits());

    public DedupKey {
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(eventId, "eventId");
    }
}
