package io.eventpipeline.read.query;

import java.time.OffsetDateTime;
import tools.jackson.databind.JsonNode;

/** One recorded MCP context; {@code data} is the payload of its {@code mcp.context.recorded} event. */
public record McpContextView(String contextId, JsonNode data, OffsetDateTime createdAt) {
}
