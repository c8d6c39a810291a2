package io.eventpipeline.bench.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream-processor's peers, each run as its own JVM by {@code ./benchmark} with the processor's
 * exactly-once settings (exactly_once_v2, commit interval, stream threads, record cache, lz4): {@code pass-through}
 * (bytes in, bytes out: the physical limit) and {@code reference-dedup} (the dedup pattern users write from the
 * Kafka Streams documentation: {@link ReferenceDedup}).
 *
 * <p>Args: mode, bootstrap servers, input topic, output topic, application id, state dir, stream threads,
 * commit interval (ISO-8601).
 */
public final class PeerTopology {

    /** The dedup window: as long as the processor's default {@code DEDUP_RETENTION}. */
    static final Duration WINDOW = Duration.ofDays(7);
    static final String STORE = "event-ids";

    private PeerTopology() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        Topology topology = switch (mode) {
            case "pass-through" -> passThrough(args[2], args[3]);
            case "reference-dedup" -> referenceDedup(args[2], args[3]);
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (pass-through, reference-dedup)");
        };
        KafkaStreams streams = new KafkaStreams(topology, settings(args[1], args[4], Path.of(args[5]),
                Integer.parseInt(args[6]), Duration.parse(args[7])));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "peer-shutdown"));
        streams.start();
        stopped.await();
    }

    static Topology passThrough(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    static Topology referenceDedup(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, WINDOW, WINDOW, false),
                Serdes.String(), Serdes.Long()));
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(ReferenceDedup::new, STORE)
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /** The processor's exactly-once settings (see its {@code StreamsSettings}), with Kafka's default RocksDB. */
    static Properties settings(String bootstrap, String applicationId, Path stateDir, int threads, Duration commit) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commit.toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }
}
