package io.eventpipeline.processor.topology;

import io.eventpipeline.schemas.EventSchemas;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers which event types have a payload schema, so a type without one costs a map lookup instead of
 * the schema registry's name check on every record. The answer never changes while the process runs
 * ({@link EventSchemas} loads each schema once); the memory is bounded, so a flood of made-up types
 * is simply not remembered. One per processor instance, used by its stream thread only.
 */
final class PayloadSchemas {

    static final int MAX_REMEMBERED = 1024;

    private final Map<String, Boolean> known = new HashMap<>();

    boolean exists(String eventType) {
        Boolean exists = known.get(eventType);
        if (exists == null) {
            exists = EventSchemas.hasPayloadSchema(eventType);
            if (known.size() < MAX_REMEMBERED) {
                known.put(eventType, exists);
            }
        }
        return exists;
    }
}
