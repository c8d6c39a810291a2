package io.eventpipeline.bench;

import java.util.UUID;

/** Request bodies and records of realistic shape and size for every stage of the benchmark. */
final class EventBodies {

    private EventBodies() {
    }

    /** One event request; with the envelope fields the ingest-api adds it is about 512 bytes on Kafka. */
    static String event(String aggregateId, int n) {
        return """
                {"aggregateType":"order","aggregateId":"%s","eventType":"order.placed","payload":{"orderId":"%s","customer":"c-%d","currency":"EUR","total":%d.50,"lines":[{"sku":"sku-%d","qty":2,"price":12.25},{"sku":"sku-%d","qty":1,"price":%d.00}]},"metadata":{"source":"bench","traceId":"%s"}}"""
                .formatted(aggregateId, aggregateId, n % 10_000, 20 + n % 500, n % 977, n % 313, 5 + n % 90,
                        UUID.nameUUIDFromBytes(Integer.toString(n).getBytes()));
    }

    static String batch(String aggregatePrefix, int first, int size) {
        StringBuilder json = new StringBuilder(size * 360).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(event(aggregatePrefix + (first + i), first + i));
        }
        return json.append(']').toString();
    }

    /** A JSON envelope padded to exactly {@code bytes} bytes (ASCII), for ProducerPerformance. */
    static String paddedJson(int n, int bytes) {
        String head = "{\"eventId\":\"" + UUID.nameUUIDFromBytes(("p" + n).getBytes()) + "\",\"aggregateType\":\"order\","
                + "\"aggregateId\":\"o-" + n + "\",\"eventType\":\"order.placed\",\"createdAt\":\"2026-11-27T08:00:00Z\","
                + "\"payload\":{\"note\":\"";
        String tail = "\"}}";
        int pad = bytes - head.length() - tail.length();
        if (pad < 0) {
            throw new IllegalArgumentException("record too small for the envelope: " + bytes);
        }
        return head + "x".repeat(pad) + tail;
    }
}
