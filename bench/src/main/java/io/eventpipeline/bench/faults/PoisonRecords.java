package io.eventpipeline.bench.faults;

import java.util.List;
import java.util.UUID;

/**
 * The records of issue 10 that once stopped the pipeline or were accepted and never stored: a valid event
 * of about 1,048,300 bytes with a wrong {@code expectedVersion} (its rejection wraps the whole envelope),
 * and NUL characters where PostgreSQL cannot store them (aggregateId, a payload member name, metadata).
 * Each must be refused at the API or land on events.rejected, and the pipeline must keep moving.
 */
final class PoisonRecords {

    static final int LARGE_BODY_BYTES = 1_048_300;

    private PoisonRecords() {
    }

    static Fault fault() {
        return ProcessFaults.fault("poison records (1 MiB + wrong version, NUL)", c -> {
            long at = System.currentTimeMillis();
            List<LoadRequest> sent = send(c.load());
            StringBuilder evidence = new StringBuilder("posted: ");
            for (LoadRequest r : sent) {
                evidence.append(r.aggregates.getFirst().replace("\u0000", "\\u0000")).append(' ');
            }
            return new Fault.Injection(at, evidence.toString().strip());
        });
    }

    static List<LoadRequest> send(SteadyLoad load) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String large = "poison-large-" + run;
        String nulId = "poison-nul-" + run + "\u0000x";
        String payloadKey = "poison-key-" + run;
        String metadata = "poison-meta-" + run;
        return List.of(
                load.sendNow(LoadRequest.Kind.POISON, false, largeWithWrongVersion(large), List.of(large)),
                load.sendNow(LoadRequest.Kind.POISON, false, event("poison-nul-" + run + "\\u0000x", "{\"n\":1}", "{}"),
                        List.of(nulId)),
                load.sendNow(LoadRequest.Kind.POISON, false, event(payloadKey, "{\"ke\\u0000y\":1}", "{}"), List.of(payloadKey)),
                load.sendNow(LoadRequest.Kind.POISON, false, event(metadata, "{\"n\":1}", "{\"note\":\"a\\u0000b\"}"),
                        List.of(metadata)));
    }

    /** A valid event whose body is exactly {@link #LARGE_BODY_BYTES} bytes, expecting version 41 of a new aggregate. */
    static String largeWithWrongVersion(String aggregateId) {
        String head = "{\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregateId
                + "\",\"eventType\":\"order.updated\",\"expectedVersion\":41,\"payload\":{\"blob\":\"";
        String tail = "\"}}";
        return head + "x".repeat(LARGE_BODY_BYTES - head.length() - tail.length()) + tail;
    }

    /** One event with the given (JSON) aggregateId text, payload and metadata. */
    static String event(String aggregateIdJson, String payload, String metadata) {
        return "{\"aggregateType\":\"order\",\"aggregateId\":\"" + aggregateIdJson
                + "\",\"eventType\":\"order.updated\",\"payload\":" + payload + ",\"metadata\":" + metadata + "}";
    }
}
