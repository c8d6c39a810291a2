package io.eventpipeline.ingest.api;

import io.eventpipeline.access.AccessDenied;
import io.eventpipeline.ingest.problem.Reply;
import io.eventpipeline.ingest.publish.AcceptedEvents;
import io.eventpipeline.schemas.Json;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.core.JsonGenerator;

/** Builds answers: the 202 body of accepted events, and a credentials refusal as problem+json. */
final class AcceptedReplies {

    private AcceptedReplies() {
    }

    /** The 202 body: eventId, partition, offset and createdAt of each event, written straight to bytes. */
    static Reply accepted(Route route, AcceptedEvents events, List<RecordMetadata> acks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + events.size() * 128);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            if (route == Route.SINGLE) {
                write(json, events, 0, acks.getFirst());
            } else {
                json.writeStartObject();
                json.writeArrayPropertyStart("events");
                for (int i = 0; i < events.size(); i++) {
                    write(json, events, i, acks.get(i));
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        return Reply.of(202, Reply.JSON, out.toByteArray());
    }

    private static void write(JsonGenerator json, AcceptedEvents events, int i, RecordMetadata ack) {
        json.writeStartObject();
        json.writeStringProperty("eventId", events.eventIds().get(i).toString());
        json.writeNumberProperty("partition", ack.partition());
        json.writeNumberProperty("offset", ack.offset());
        json.writeStringProperty("createdAt", events.acceptance().createdAt().toString());
        json.writeEndObject();
    }

    static Reply denied(AccessDenied denied) {
        Reply reply = Reply.of(denied.status(), Reply.PROBLEM_JSON, denied.problemJson());
        for (var header : denied.headers().entrySet()) {
            reply = reply.withHeader(header.getKey(), header.getValue());
        }
        return reply;
    }
}
