package io.eventpipeline.processor.versioning;

import io.eventpipeline.processor.event.ValidatedEvent;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What else happens, in the same transaction, when the version step accepts an event: the topology remembers its
 * id for dedup there, so that only accepted events use up their id.
 */
@FunctionalInterface
public interface OnAccepted {

    void accepted(ProcessorContext<?, ?> context, Record<String, ValidatedEvent> record);
}
