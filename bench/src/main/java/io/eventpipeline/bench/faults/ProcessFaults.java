package io.eventpipeline.bench.faults;

import io.eventpipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The faults where a process dies: {@code kill -9}, then the same process is started again on the same data. */
final class ProcessFaults {

    static final String PROCESSOR_GROUP = "event-pipeline-processor";

    private ProcessFaults() {
    }

    /**
     * {@code kill -9} of the ingest-api while every load worker has a request in flight and Redis stalls for
     * a moment (SIGSTOP, shorter than {@code REDIS_TIMEOUT}): requests whose claim was taken get Kafka's
     * acknowledgement and then wait for the Redis completion, and the kill lands in that window. The checker
     * finds them in the load generator's log (cut by the kill, their events already on events.raw).
     */
    static Fault ingestKill() {
        return fault("ingest-api kill -9 (ack -> Redis completion)", c -> {
            c.load().burst(Duration.ofSeconds(4));
            Thread.sleep(2000);
            c.cluster().redis().freeze(true);
            long at;
            try {
                Thread.sleep(300);
                c.services().kill("ingest-api");
                at = System.currentTimeMillis();
            } finally {
                c.cluster().redis().freeze(false);
            }
            c.services().restart("ingest-api");
            return new Fault.Injection(at, "killed during a burst with every load worker sending, Redis stalled (SIGSTOP) 300 ms before");
        });
    }

    static Fault processorKill() {
        return fault("stream-processor kill -9 mid-stream", c -> {
            c.load().burst(Duration.ofSeconds(3));
            Thread.sleep(1500);
            long lag = processorLag(c.cluster().bootstrapServers());
            c.services().kill("stream-processor");
            long at = System.currentTimeMillis();
            c.services().restart("stream-processor");
            return new Fault.Injection(at, "events.raw records not yet committed by the processor at the kill: " + lag);
        });
    }

    static Fault brokerRestart() {
        return fault("Kafka broker kill -9 + restart", c -> {
            int processes = c.cluster().broker().crash();
            long at = System.currentTimeMillis();
            c.cluster().broker().start();
            return new Fault.Injection(at, "broker JVM killed (%d process), restarted on the same log dir after %d ms"
                    .formatted(processes, System.currentTimeMillis() - at));
        });
    }

    static Fault postgresRestart() {
        return fault("PostgreSQL kill -9 + restart", c -> {
            int processes = c.cluster().postgres().crash();
            long at = System.currentTimeMillis();
            c.cluster().postgres().start();
            c.cluster().awaitPostgres(Duration.ofMinutes(1));
            return new Fault.Injection(at, "postmaster, its %d backends/workers and holder JVM killed; crash recovery on the same data dir took %d ms"
                    .formatted(processes - 2, System.currentTimeMillis() - at));
        });
    }

    static Fault redisDown(Duration outage) {
        return fault("Redis down " + outage.toSeconds() + " s", c -> {
            c.cluster().redis().crash();
            long at = System.currentTimeMillis();
            Thread.sleep(outage.toMillis());
            c.cluster().redis().start();
            return new Fault.Injection(at, "redis-server killed, started again on its append-only file after "
                    + outage.toSeconds() + " s");
        });
    }

    /** Records of events.raw that the processor has not committed yet, summed over partitions. */
    static long processorLag(String bootstrapServers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(PROCESSOR_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> raw = committed.keySet().stream()
                    .filter(tp -> tp.topic().equals(Topics.EVENTS_RAW.name())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    raw.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            return raw.stream().mapToLong(tp -> ends.get(tp).offset() - committed.get(tp).offset()).sum();
        } catch (ExecutionException e) {
            return -1;
        }
    }

    interface Action {
        Fault.Injection run(Fault.Context context) throws Exception;
    }

    static Fault fault(String name, Action action) {
        return new Fault() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Injection inject(Context context) throws Exception {
                return action.run(context);
            }
        };
    }
}
