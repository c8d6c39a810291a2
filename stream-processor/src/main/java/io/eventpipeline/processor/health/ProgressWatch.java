package io.eventpipeline.processor.health;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, every {@code HEALTH_CHECK_INTERVAL}, the committed and end offsets of the input partitions this
 * instance's active tasks own, from the brokers (an admin client, so a wedged stream thread cannot make its
 * own progress look fine), and tells {@link StreamsHealth} which stalled and how far behind this instance is.
 */
public final class ProgressWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressWatch.class);

    private final KafkaStreams streams;
    private final Admin admin;
    private final String groupId;
    private final StreamsHealth health;
    private final Clock clock;
    private final StallDetector detector;
    private final long windowMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("processor-progress-watch").factory());

    public ProgressWatch(KafkaStreams streams, Admin admin, String groupId, StreamsHealth health,
            HealthSettings settings, Clock clock) {
        this.streams = streams;
        this.admin = admin;
        this.groupId = groupId;
        this.health = health;
        this.clock = clock;
        this.windowMs = settings.stallWindow().toMillis();
        this.detector = new StallDetector(windowMs);
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sampleQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (Exception e) {
            // a broker briefly away: the last verdict stands, the next sample tries again
            log.debug("progress sample failed: {}", e.toString());
        }
    }

    void sample() throws Exception {
        Set<TopicPartition> inputs = localInputs();
        if (inputs.isEmpty()) {
            detector.record(clock.millis(), Map.of());
            health.progress(detector.stalled(clock.millis()), 0);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(inputs)))
                .partitionsToOffsetAndMetadata(groupId).get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        inputs.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, long[]> offsets = new HashMap<>();
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata c = committed.get(tp);
            offsets.put(tp, new long[] {c == null ? 0 : c.offset(), ends.get(tp).offset()});
        }
        long now = clock.millis();
        detector.record(now, offsets);
        var stalledNow = detector.stalled(now);
        if (!stalledNow.isEmpty()) {
            log.warn("input partitions {} stalled: records arrive but their committed offsets did not move within {} ms",
                    stalledNow, windowMs);
        }
        health.progress(stalledNow, detector.lag());
    }

    private Set<TopicPartition> localInputs() {
        Set<TopicPartition> inputs = new HashSet<>();
        try {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    inputs.addAll(task.topicPartitions());
                }
            }
        } catch (IllegalStateException notRunning) {
            return Set.of();
        }
        return inputs;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close();
    }
}
