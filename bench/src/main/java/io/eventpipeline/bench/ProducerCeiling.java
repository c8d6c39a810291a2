package io.eventpipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The ingest ceiling: Kafka's own {@code ProducerPerformance} (kafka-tools) with 512-byte JSON records,
 * acks=all, idempotent, lz4, run as a separate JVM against the same broker.
 */
final class ProducerCeiling {

    /** "1000000 records sent, 150000.0 records/sec (73.24 MB/sec), ... 4 ms 50th, 9 ms 95th, 20 ms 99th, 40 ms 99.9th." */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec.*?([\\d.]+) ms avg latency.*?(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    /** {@code cpuMicrosPerRecord}: the tool's whole process CPU (JVM start included) per record sent. */
    record Result(long records, double recordsPerSecond, Map<String, Double> percentiles, double cpuMicrosPerRecord) {
    }

    private ProducerCeiling() {
    }

    static Result run(String bootstrap, String topic, long records, int throughput, Path workDir) throws Exception {
        createTopic(bootstrap, topic);
        Path payloads = writePayloadFile(workDir);
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--throughput", String.valueOf(throughput),
                "--payload-file", payloads.toString(),
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
                "compression.type=lz4", "linger.ms=5", "batch.size=131072"));
        try (ChildJvm tool = ChildJvm.start("producer-performance-" + throughput, List.of("-Xmx512m"), args, Map.of(),
                workDir)) {
            double cpu = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (tool.isAlive() && System.nanoTime() < deadline) {
                // sampled while it runs: once it has exited its CPU can no longer be read
                double now = tool.cpuSeconds();
                cpu = Double.isNaN(now) ? cpu : Math.max(cpu, now);
                Thread.sleep(100);
            }
            int exit = tool.waitFor(1, TimeUnit.MINUTES);
            String output = tool.output();
            // The tool prints progress windows, then the whole-run summary last.
            MatchResult last = SUMMARY.matcher(output).results().reduce((a, b) -> b).orElse(null);
            if (exit != 0 || last == null) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + exit + "):\n" + output);
            }
            Map<String, Double> p = new LinkedHashMap<>();
            p.put("p50", Double.parseDouble(last.group(4)));
            p.put("p95", Double.parseDouble(last.group(5)));
            p.put("p99", Double.parseDouble(last.group(6)));
            p.put("p99.9", Double.parseDouble(last.group(7)));
            long sent = Long.parseLong(last.group(1));
            return new Result(sent, Double.parseDouble(last.group(2)), p, cpu * 1e6 / sent);
        }
    }

    /** The broker does not create topics on first use; same partition count as events.raw. */
    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** 512-byte JSON records shaped like the pipeline's envelopes, one per line. */
    static Path writePayloadFile(Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("payloads-512b.txt");
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                all.append(EventBodies.paddedJson(i, 512)).append('\n');
            }
            Files.writeString(file, all, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
