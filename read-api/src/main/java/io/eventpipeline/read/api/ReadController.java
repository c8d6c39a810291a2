package io.eventpipeline.read.api;

import io.eventpipeline.access.Principal;
import io.eventpipeline.read.query.AggregateView;
import io.eventpipeline.read.query.EventMatches;
import io.eventpipeline.read.query.EventPage;
import io.eventpipeline.read.query.McpContextView;
import io.eventpipeline.read.query.MemoryList;
import io.eventpipeline.read.query.MemoryView;
import io.eventpipeline.read.query.ReadService;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The cached GET endpoints. Each reads only the caller's producer's data (the principal of its API key) and
 * blocks a virtual thread on the cache's future; answers go through {@link HttpCaching}.
 */
@RestController
class ReadController {

    static final int MAX_EVENTS = 1000;
    static final int MAX_MEMORIES = 500;
    static final int MAX_CONTEXTS = 500;
    static final int MAX_MATCHES = 200;
    static final int MAX_CONTAINS_CHARS = 2048;

    private final ReadService reads;
    private final HttpCaching caching;

    ReadController(ReadService reads, HttpCaching caching) {
        this.reads = reads;
        this.caching = caching;
    }

    @GetMapping("/v1/aggregates/{aggregateType}/{aggregateId}")
    ResponseEntity<AggregateView> aggregate(Principal caller, @PathVariable String aggregateType, @PathVariable String aggregateId) {
        AggregateView head = reads.aggregate(caller.producerId(), aggregateType, aggregateId).join()
                .orElseThrow(() -> new NotFoundException("no aggregate " + aggregateType + "/" + aggregateId));
        return caching.ok(caller.producerId(), head, "head", aggregateType, aggregateId);
    }

    @GetMapping("/v1/aggregates/{aggregateType}/{aggregateId}/events")
    ResponseEntity<EventPage> events(Principal caller, @PathVariable String aggregateType, @PathVariable String aggregateId,
            @RequestParam(required = false) Long fromVersion, @RequestParam(required = false) Integer limit) {
        long from = fromVersion == null ? 1 : fromVersion;
        if (from < 1) {
            throw new InvalidParameterException("fromVersion", "fromVersion must be >= 1");
        }
        int max = InvalidParameterException.limit(limit, 100, MAX_EVENTS);
        EventPage page = reads.events(caller.producerId(), aggregateType, aggregateId, from, max).join();
        return caching.ok(caller.producerId(), page, "events", aggregateType, aggregateId, from, max);
    }

    /** Payload containment ({@code @>}) over all of the caller's events, newest first, on the GIN index. */
    @GetMapping("/v1/events")
    ResponseEntity<EventMatches> eventsContaining(Principal caller, @RequestParam(required = false) String contains,
            @RequestParam(required = false) Integer limit) {
        JsonNode document = InvalidParameterException.jsonObject("contains", contains, MAX_CONTAINS_CHARS);
        int max = InvalidParameterException.limit(limit, 50, MAX_MATCHES);
        EventMatches matches = reads.eventsContaining(caller.producerId(), document, max);
        return caching.ok(caller.producerId(), matches, "events-containing", document.toString(), max);
    }

    @GetMapping("/v1/memories")
    ResponseEntity<MemoryList> memories(Principal caller, @RequestParam(required = false) String userId,
            @RequestParam(required = false) Integer limit) {
        String user = InvalidParameterException.required("userId", userId);
        int max = InvalidParameterException.limit(limit, 50, MAX_MEMORIES);
        return caching.ok(caller.producerId(), reads.memories(caller.producerId(), user, max).join(), "memories", user, max);
    }

    @GetMapping("/v1/memories/{memoryId}")
    ResponseEntity<MemoryView> memory(Principal caller, @PathVariable String memoryId) {
        MemoryView memory = reads.memory(caller.producerId(), memoryId).join()
                .orElseThrow(() -> new NotFoundException("no memory " + memoryId));
        return caching.ok(caller.producerId(), memory, "memory", memoryId);
    }

    @GetMapping("/v1/mcp-contexts/{contextId}")
    ResponseEntity<McpContextView> mcpContext(Principal caller, @PathVariable String contextId) {
        McpContextView context = reads.mcpContext(caller.producerId(), contextId).join()
                .orElseThrow(() -> new NotFoundException("no MCP context " + contextId));
        return caching.ok(caller.producerId(), context, "mcp-context", contextId);
    }

    @GetMapping("/v1/mcp-contexts")
    ResponseEntity<List<McpContextView>> mcpContexts(Principal caller, @RequestParam(required = false) String tool,
            @RequestParam(required = false) Integer limit) {
        String name = InvalidParameterException.required("tool", tool);
        int max = InvalidParameterException.limit(limit, 50, MAX_CONTEXTS);
        List<McpContextView> contexts = reads.mcpContexts(caller.producerId(), name, max);
        return caching.ok(caller.producerId(), McpContextView.revisionOf(contexts), contexts, "mcp-contexts", name, max);
    }
}
