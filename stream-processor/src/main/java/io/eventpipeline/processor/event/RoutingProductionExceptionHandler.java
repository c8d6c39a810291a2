package io.eventpipeline.processor.event;

import io.eventpipeline.processor.metrics.ProcessorMetrics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record Kafka would not take. A retriable failure (a broker away, too few in-sync
 * replicas) retries the task from its last commit. A record a topic refused for its size teaches
 * {@link SinkLimits} and fails the transaction: under exactly-once the producer's transaction cannot
 * commit after a refused send anyway, so the thread is replaced, the task retried from its last commit, and
 * this time the record is routed to {@code events.rejected} as {@code too_large} before it is sent. Nothing
 * is skipped: every refusal is counted ({@code processor_sends_refused_total}) and logged with the topic,
 * and the record ends up on {@code events.rejected}. Any other failure fails loudly (health DOWN).
 */
public final class RoutingProductionExceptionHandler implements ProductionExceptionHandler {

    /** Streams config key under which the metrics are handed to the handler. */
    public static final String METRICS_KEY = "event-pipeline.metrics";
    private static final Logger log = LoggerFactory.getLogger(RoutingProductionExceptionHandler.class);

    private SinkLimits limits;
    private ProcessorMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        limits = (SinkLimits) configs.get(SinkLimits.CONFIG_KEY);
        metrics = (ProcessorMetrics) configs.get(METRICS_KEY);
        if (limits == null) {
            limits = new SinkLimits(); // a client built without one still routes within its own lifetime
        }
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (metrics != null) {
            metrics.sendRefused(record.topic(), exception);
        }
        if (exception instanceof RetriableException) {
            log.warn("send to {} failed and will be retried from the last commit: {}", record.topic(), exception.toString());
            return ProductionExceptionHandlerResponse.RETRY;
        }
        if (exception instanceof RecordTooLargeException) {
            int size = SinkLimits.sizeOf(record.key(), record.value(), record.headers());
            boolean lowered = limits.refused(record.topic(), size);
            log.error("topic {} refused a record of about {} bytes ({}); {}: the task retries from its last commit and "
                    + "routes such records to events.rejected as too_large. Check the topic's max.message.bytes: "
                    + "it is below what EVENT_MAX_BYTES needs", record.topic(), size, exception.getMessage(),
                    lowered ? "learned" : "already known");
            return ProductionExceptionHandlerResponse.FAIL;
        }
        log.error("send to {} failed permanently: {}", record.topic(), exception.toString());
        return ProductionExceptionHandlerResponse.FAIL;
    }
}
