package io.eventpipeline.ingest.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One producer span per record sent to {@code events.raw}, a child of the request's span, whose
 * {@code traceparent} goes into the record's headers: the processor, the writer and the invalidation carry
 * it on from there (docs/decisions.md D5). With tracing off it does nothing.
 */
public final class RecordTracing {

    private static final Propagator.Setter<Headers> HEADER_SETTER = (headers, name, value) -> {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No spans and no headers. */
    public static RecordTracing off() {
        return new RecordTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** Starts the record's span and writes its context into the record's headers; end it when Kafka answers. */
    public Span started(ProducerRecord<?, ?> record) {
        Span.Builder builder = tracer.spanBuilder()
                .name(record.topic() + " send")
                .kind(Span.Kind.PRODUCER)
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic());
        Span request = tracer.currentSpan();
        if (request != null) {
            builder.setParent(request.context());
        }
        Span span = builder.start();
        propagator.inject(span.context(), record.headers(), HEADER_SETTER);
        return span;
    }

    /** Ends the span of a record Kafka acknowledged ({@code error} null) or refused. */
    public static void ended(Span span, Throwable error) {
        if (error != null) {
            span.error(error);
        }
        span.end();
    }
}
