package io.eventpipeline.read.api;

import io.eventpipeline.read.query.AggregateView;
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

/** The cached GET endpoints; each blocks a virtual thread on the cache's future and answers through {@link HttpCaching}. */
@RestController
class ReadController {

    static final int MAX_EVENTS = 1000;
    static final int MAX_MEMORIES = 500;
    static final int MAX_CONTEXTS = 500;
    /** Until reads are scoped by the caller's producer (docs/decisions.md D1). */
    private static final String PRODUCER = "";

    private final ReadService reads;
    private final HttpCaching caching;

    ReadController(ReadService reads, HttpCaching caching) {
        this.reads = reads;
        this.caching = caching;
    }

    @GetMapping("/v1/aggregates/{aggregateType}/{aggregateId}")
    ResponseEntity<AggregateView> aggregate(@PathVariable String aggregateType, @PathVariable String aggregateId) {
        AggregateView head = reads.aggregate(aggregateType, aggregateId).join()
                .orElseThrow(() -> new NotFoundException("no aggregate " + aggregateType + "/" + aggregateId));
        return caching.ok(PRODUCER, head, "head", aggregateType, aggregateId);
    }

    @GetMapping("/v1/aggregates/{aggregateType}/{aggregateId}/events")
    ResponseEntity<EventPage> events(@PathVariable String aggregateType, @PathVariable String aggregateId,
            @RequestParam(required = false) Long fromVersion, @RequestParam(required = false) Integer limit) {
        long from = fromVersion == null ? 1 : fromVersion;
        if (from < 1) {
            throw new InvalidParameterException("fromVersion", "fromVersion must be >= 1");
        }
        int max = InvalidParameterException.limit(limit, 100, MAX_EVENTS);
        return caching.ok(PRODUCER, reads.events(aggregateType, aggregateId, from, max).join(), "events", aggregateType,
                aggregateId, from, max);
    }

    @GetMapping("/v1/memories")
    ResponseEntity<MemoryList> memories(@RequestParam(required = false) String userId,
            @RequestParam(required = false) Integer limit) {
        String user = InvalidParameterException.required("userId", userId);
        int max = InvalidParameterException.limit(limit, 50, MAX_MEMORIES);
        return caching.ok(PRODUCER, reads.memories(user, max).join(), "memories", user, max);
    }

    @GetMapping("/v1/memories/{memoryId}")
    ResponseEntity<MemoryView> memory(@PathVariable String memoryId) {
        MemoryView memory = reads.memory(memoryId).join().orElseThrow(() -> new NotFoundException("no memory " + memoryId));
        return caching.ok(PRODUCER, memory, "memory", memoryId);
    }

    @GetMapping("/v1/mcp-contexts/{contextId}")
    ResponseEntity<McpContextView> mcpContext(@PathVariable String contextId) {
        McpContextView context = reads.mcpContext(contextId).join()
                .orElseThrow(() -> new NotFoundException("no MCP context " + contextId));
        return caching.ok(PRODUCER, context, "mcp-context", contextId);
    }

    @GetMapping("/v1/mcp-contexts")
    ResponseEntity<List<McpContextView>> mcpContexts(@RequestParam(required = false) String tool,
            @RequestParam(required = false) Integer limit) {
        String name = InvalidParameterException.required("tool", tool);
        int max = InvalidParameterException.limit(limit, 50, MAX_CONTEXTS);
        List<McpContextView> contexts = reads.mcpContexts(name, max);
        return caching.ok(PRODUCER, McpContextView.revisionOf(contexts), contexts, "mcp-contexts", name, max);
    }
}
