package io.eventpipeline.ingest.publish;

import io.eventpipeline.schemas.SizeBudget;
import io.eventpipeline.schemas.config.KafkaSettings;
import java.time.Duration;

/**
 * What the producer to {@code events.raw} needs of the service's settings (read and validated by
 * {@code config}): the shared Kafka settings (servers, prefix, security), the size budget
 * ({@code max.request.size}, the per-event check), {@code KAFKA_LINGER_MS}, {@code KAFKA_BATCH_SIZE},
 * {@code KAFKA_DELIVERY_TIMEOUT}.
 */
public record ProducerSettings(KafkaSettings kafka, SizeBudget budget, int kafkaLingerMs, int kafkaBatchBytes,
        Duration kafkaDeliveryTimeout) {

    public String topicPrefix() {
        return kafka.topicPrefix();
    }
}
