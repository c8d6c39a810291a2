package io.eventpipeline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.EventEnvelope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The invariants of events.log: every event once, none lost, versions 1, 2, 3 ... per aggregate in log order. */
final class Delivered {

    private Delivered() {
    }

    static void assertExactlyOnceAndGapless(List<ConsumerRecord<String, EventEnvelope>> written, Set<UUID> sent) {
        assertThat(written.stream().map(r -> r.value().eventId()).collect(Collectors.toSet()))
                .as("events on events.log").isEqualTo(sent);
        assertThat(written).as("no event twice").hasSize(sent.size());
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (ConsumerRecord<String, EventEnvelope> r : written) {
            versions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().version());
        }
        versions.forEach((aggregate, list) -> assertThat(list).as("versions of %s", aggregate)
                .isEqualTo(LongStream.rangeClosed(1, list.size()).boxed().toList()));
    }
}
