package io.eventpipeline.processor.versioning;

import io.eventpipeline.processor.event.SinkLimits;

/**
 * Where versioned events go: the sink node, the topic it writes (prefixed name) and what that topic is known
 * to accept.
 */
public record LogSink(String node, String topic, SinkLimits limits) {
}
