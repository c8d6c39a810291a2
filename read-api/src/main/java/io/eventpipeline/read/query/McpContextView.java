package io.eventpipeline.read.query;

import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One recorded MCP context; {@code data} is the payload of its newest {@code mcp.context.recorded} event. The
 * row carries no version and a newer event overwrites {@code data}, so the revision is a digest of it (jsonb
 * prints its keys in one canonical order).
 */
public record McpContextView(String contextId, JsonNode data, OffsetDateTime createdAt) implements Revisioned {

    @Override
    public String revision() {
        return Digest.of(data);
    }

    /** The revision of a list of contexts: their ids, in order, each with its own revision. */
    public static String revisionOf(List<McpContextView> contexts) {
        Digest all = Digest.start();
        contexts.forEach(c -> all.add(c.contextId()).add(c.revision()));
        return contexts.size() + ":" + all.finish();
    }
}
