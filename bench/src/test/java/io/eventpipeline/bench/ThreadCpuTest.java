package io.eventpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    private static final String DUMP = """
            "main" #1 [4100] prio=5 os_prio=0 cpu=812.20ms elapsed=20.11s tid=0x1 nid=4100 waiting on condition
            "bench-p1.processor-ab12-0d3e-StreamThread-1" #40 [4200] prio=5 os_prio=0 cpu=1500.50ms elapsed=19.00s tid=0x2 nid=4200 runnable
            "kafka-producer-network-thread | bench-p1.processor-ab12-0d3e-StreamThread-1-producer" #41 [4201] daemon prio=5 os_prio=0 cpu=300.00ms elapsed=19.00s tid=0x3 nid=4201 runnable
            "bench-p1.processor-ab12-0d3e-StreamThread-2" #42 [4202] prio=5 os_prio=0 cpu=499.50ms elapsed=19.00s tid=0x4 nid=4202 runnable
            """;

    @Test
    void shouldAddOnlyTheStreamThreadsThemselves() {
        assertThat(ThreadCpu.streamThreadSeconds(DUMP)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void shouldSayUnknownWhenTheDumpHasNoStreamThread() {
        assertThat(ThreadCpu.streamThreadSeconds("\"main\" #1 cpu=1.00ms")).isNaN();
    }
}
