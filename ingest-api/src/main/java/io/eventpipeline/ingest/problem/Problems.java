package io.eventpipeline.ingest.problem;

import io.eventpipeline.schemas.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders RFC 9457 {@code application/problem+json} bodies. */
public final class Problems {

    private Problems() {
    }

    public static Reply reply(ProblemType type, String detail, List<ProblemException.ItemError> errors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = body.putArray("errors");
            for (ProblemException.ItemError e : errors) {
                ObjectNode item = list.addObject();
                if (e.index() != null) {
                    item.put("index", e.index());
                }
                item.put("pointer", e.pointer());
                item.put("message", e.message());
            }
        }
        return Reply.of(type.status(), Reply.PROBLEM_JSON, Json.MAPPER.writeValueAsBytes(body));
    }
}
