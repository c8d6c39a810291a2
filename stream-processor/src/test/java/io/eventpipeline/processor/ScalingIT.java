package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.processor.config.ProcessorConfig;
import io.eventpipeline.processor.metrics.ProcessorMetrics;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.TopicProvisioner;
import io.eventpipeline.schemas.Topics;
import io.eventpipeline.testsupport.Await;
import io.eventpipeline.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processor instances scale 1 -> 2 -> 3 -> 2 -> 1 under continuous load (many aggregates, a tenth of the sends
 * duplicates), and a killed instance's shards fail over with and without a standby replica. Afterwards every event
 * is on events.log once, versions gapless per aggregate. The pause of each step (the longest an aggregate went
 * without output across it) is printed, not asserted: the machine is shared and noisy; the README quotes it.
 */
class ScalingIT {

    private static final int AGGREGATES = 200;
    private static final int SHARDS = 6;
    /** Below what one instance does here under load, so output is steady and a gap in it is a pause. */
    private static final int SENDS_PER_SECOND = 200;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private final String bootstrap = TestServers.shared().kafkaBootstrapServers();
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        children.forEach(Process::destroyForcibly);
        while (!closing.isEmpty()) {
            closing.pop().close();
        }
    }

    @Test
    void shouldLoseAndDoubleNothingWhenInstancesScaleOneToThreeAndBackUnderLoad() throws Exception {
        Run run = new Run("scale", 1);
        Deque<ProcessorClient> instances = new ArrayDeque<>();
        instances.push(run.instance(0));
        run.group.awaitStable(instances);
        run.startLoad();
        long started = System.currentTimeMillis();
        Await.until(WAIT, "load reaches every aggregate", () -> OutputSilence.everyAggregateAfter(run.log, started, AGGREGATES));
        long steady = System.currentTimeMillis();
        Await.until(WAIT, "a steady stretch", () -> OutputSilence.everyAggregateAfter(run.log, steady + 5_000, AGGREGATES));
        List<String> report = new ArrayList<>();
        report.add("steady state (no change, the noise floor): longest silence of a shard " + OutputSilence.longest(
                run.log, SHARDS, steady, System.currentTimeMillis()) + " ms");

        report.add(run.step("1->2", instances, () -> instances.push(run.instance(1))));
        report.add(run.step("2->3", instances, () -> instances.push(run.instance(2))));
        report.add(run.step("3->2", instances, () -> instances.pop().close(Duration.ofSeconds(30))));
        report.add(run.step("2->1", instances, () -> instances.pop().close(Duration.ofSeconds(30))));

        run.assertExactlyOnceAndGapless();
        report.forEach(line -> System.out.println("SCALING " + line));
    }

    @ParameterizedTest(name = "standby replicas: {0}")
    @ValueSource(ints = {0, 1})
    void shouldResumeAKilledInstancesShardsOnTheSurvivor(int standbys) throws Exception {
        Run run = new Run("failover" + standbys, standbys);
        ProcessorClient survivor = run.instance(0);
        Process victim = run.child(1);
        Await.until(WAIT, "two members", () -> run.group.members() == 2);
        run.startLoad();
        Await.until(WAIT, "state to restore", () -> run.log.records().size() >= 6_000);

        long killedAt = System.currentTimeMillis();
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Await.until(WAIT, "every aggregate processed after the kill",
                () -> OutputSilence.everyAggregateAfter(run.log, killedAt, AGGREGATES));
        long restored = OutputSilence.longest(run.log, SHARDS, killedAt, System.currentTimeMillis());
        var rebalance = Rebalances.after(survivor.health().transitions(), killedAt);

        run.assertExactlyOnceAndGapless();
        System.out.printf("FAILOVER standby replicas %d, session timeout %s: shards of the killed instance processed "
                + "again after %d ms (survivor noticed after %d ms, then not RUNNING for %d ms)%n", standbys,
                run.config.group().sessionTimeout(), restored, rebalance.startedAfterMs(), rebalance.pauseMs());
    }

    /** One test's pipeline: its own topics, application id, state directories, load and reader. */
    private final class Run {

        final ProcessorConfig config;
        final GroupView group;
        final TopicReader<EventEnvelope> log;
        final LoadProducer load;
        final Path work;

        Run(String name, int standbys) throws Exception {
            String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            TopicProvisioner.ensureTopics(bootstrap, prefix, 6, (short) 1);
            work = Files.createTempDirectory(Path.of("target"), "scaling-it");
            config = ProcessorConfig.defaults(bootstrap, prefix, work).withShards(SHARDS).withStandbyReplicas(standbys);
            group = new GroupView(bootstrap, config.effectiveApplicationId());
            closing.push(group);
            log = TopicReader.committed(bootstrap, Topics.EVENTS_LOG.prefixed(prefix));
            closing.push(log);
            load = new LoadProducer(bootstrap, Topics.EVENTS_RAW.prefixed(prefix).name(), AGGREGATES, 0.1,
                    SENDS_PER_SECOND);
            closing.push(load);
        }

        void startLoad() {
            load.start();
        }

        /** An instance in this JVM with the service's settings (no test overrides), on its own state directory. */
        ProcessorClient instance(int n) {
            // static members (PROCESSOR_INSTANCE_ID), as the README recommends: a stopped one leaves at once
            ProcessorClient client = new ProcessorClient(config.withStateDir(work.resolve("state-" + n))
                    .withGroup(config.group().withInstanceId("instance-" + n)),
                    new ProcessorMetrics(new SimpleMeterRegistry()));
            closing.push(client);
            client.start();
            return client;
        }

        /** An instance as its own process, to be killed with SIGKILL. */
        Process child(int n) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ProcessorInstance.class.getName(), bootstrap, config.topicPrefix(), config.applicationId(),
                    work.resolve("state-" + n).toString(), "false", String.valueOf(config.standbyReplicas()),
                    String.valueOf(SHARDS)).redirectErrorStream(true)
                    .redirectOutput(work.resolve("child-" + n + ".log").toFile()).start();
            children.add(process);
            return process;
        }

        /** Runs a scaling step under load; the pause is the longest output silence of an aggregate across it. */
        String step(String name, Deque<ProcessorClient> instances, ThrowingRunnable action) throws Exception {
            long at = System.currentTimeMillis();
            action.run();
            group.awaitStable(instances);
            long settled = System.currentTimeMillis() + 5_000;
            Await.until(WAIT, "every aggregate processed after " + name,
                    () -> OutputSilence.everyAggregateAfter(log, settled, AGGREGATES));
            long pause = OutputSilence.longest(log, SHARDS, at, System.currentTimeMillis());
            List<String> states = instances.stream().map(i -> String.valueOf(Rebalances.after(
                    i.health().transitions(), at).pauseMs())).toList();
            return String.format("%s: pause %d ms (longest silence of a shard); not RUNNING per instance %s ms; "
                    + "stable after %d ms", name, pause, states, settled - 5_000 - at);
        }

        void assertExactlyOnceAndGapless() throws Exception {
            load.close();
            var unique = load.uniqueIds();
            Await.until(WAIT, unique.size() + " events on events.log", () -> log.records().size() >= unique.size());
            Delivered.assertExactlyOnceAndGapless(log.records(), unique);
            assertThat(load.duplicatesSent()).as("duplicates were sent").isPositive();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
