package io.eventpipeline.bench.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.bench.support.LocalServers;
import org.junit.jupiter.api.Test;

/** Runs the benchmark small, so it cannot rot: every path answers and is measured. Speed is read from its output. */
class ReadBenchmarkIT {

    @Test
    void shouldMeasureEveryPathWhenRunSmall() throws Exception {
        ReadBenchmark.Result result = ReadBenchmark.run(LocalServers.start(), 2_000, 2);

        assertThat(result.postgres().readsPerSecond()).isPositive();
        assertThat(result.l2().readsPerSecond()).isPositive();
        assertThat(result.l1().readsPerSecond()).isPositive();
    }
}
