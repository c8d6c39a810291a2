package io.eventpipeline.bench.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The peer does the work it is compared for: every event id passes once, repeats inside the window are dropped. */
class ReferenceDedupTest {

    @Test
    void shouldForwardEachEventIdOnceAndDropItsRepeats() throws Exception {
        var settings = PeerTopology.settings("dummy:9092", "ref-test", Files.createTempDirectory("ref-dedup"), 1,
                Duration.ofMillis(100));
        try (TopologyTestDriver driver = new TopologyTestDriver(PeerTopology.referenceDedup("in", "out"), settings)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            Instant t = Instant.parse("2026-11-29T10:00:00Z");
            for (String id : List.of("a", "b", "a", "c", "b", "a")) {
                in.pipeInput("order/o-1", event(id), t);
                t = t.plusSeconds(1);
            }
            in.pipeInput("order/o-1", "{\"noId\":true}".getBytes(StandardCharsets.UTF_8), t);

            List<String> forwarded = out.readValuesToList().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
            assertThat(forwarded).containsExactly(new String(event("a"), StandardCharsets.UTF_8),
                    new String(event("b"), StandardCharsets.UTF_8), new String(event("c"), StandardCharsets.UTF_8),
                    "{\"noId\":true}");
        }
    }

    private static byte[] event(String id) {
        return ("{\"eventId\":\"" + id + "\",\"aggregateType\":\"order\",\"payload\":{\"n\":1}}").getBytes(StandardCharsets.UTF_8);
    }
}
