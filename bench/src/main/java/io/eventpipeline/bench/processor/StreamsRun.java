package io.eventpipeline.bench.processor;

import io.eventpipeline.bench.processor.ProcessorBenchmark.Measurement;
import com.sun.management.OperatingSystemMXBean;
import io.eventpipeline.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs one Kafka Streams client over the whole input: the clock runs from its first RUNNING state until its
 * committed offsets reach the end of the input; CPU is read over the same span.
 */
final class StreamsRun {

    private StreamsRun() {
    }

    static Measurement measure(String variant, int round, long events, String bootstrap, String prefix,
            String applicationId, KafkaStreams streams) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        try {
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(variant + " never reached RUNNING");
            }
            long started = System.nanoTime();
            long processCpuAtStart = processCpuNanos();
            long streamCpuAtStart = streamThreadCpuNanos(applicationId);
            awaitCommitted(variant, bootstrap, applicationId, Topics.EVENTS_RAW.prefixed(prefix).name(), events);
            double seconds = (System.nanoTime() - started) / 1e9;
            double processCpu = (processCpuNanos() - processCpuAtStart) / 1e3 / events;
            double streamCpu = (streamThreadCpuNanos(applicationId) - streamCpuAtStart) / 1e3 / events;
            Measurement m = new Measurement(variant, round, events, seconds, events / seconds, processCpu, streamCpu);
            System.out.printf("  %s: %,.0f events/s, cpu/event %.1f us (stream threads %.1f us)%n", variant,
                    m.eventsPerSecond(), processCpu, streamCpu);
            return m;
        } finally {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    private static void awaitCommitted(String variant, String bootstrap, String group, String input, long events)
            throws Exception {
        try (Admin admin = BenchInput.admin(bootstrap)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (committed(admin, group, input) < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(variant + " did not finish within 10 minutes");
                }
                Thread.sleep(100);
            }
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long streamThreadCpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(applicationId + "-") && t.getName().contains("-StreamThread-")
                        && !t.getName().endsWith("-producer"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.threadId())))
                .sum();
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }
}
