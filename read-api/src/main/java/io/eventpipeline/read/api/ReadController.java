package io.eventpipeline.read.api;

import io.eventpipeline.read.query.AggregateView;
import io.eventpipeline.read.query.EventPage;
import io.eventpipeline.read.query.McpContextView;
import io.eventpipeline.read.query.MemoryList;
import io.eventpipeline.read.query.MemoryView;
import io.eventpipeline.read.query.ReadService;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cached GET endpoints; each blocks a virtual thread on the cache's future. */
@RestController
class ReadController {

    static final int MAX_EVENTS = 1000;
    static final int MAX_MEMORIES = 500;
    static final int MAX_CONTEXTS = 500;

    private final ReadService reads;

    ReadController(ReadService reads) {
        this.reads = reads;
    }

    @GetMapping("/v1/aggregates/{aggregateType}/{aggregateId}")
    AggregateView aggregate(@PathVariable String aggregateType, @PathVariable String aggregateId) {
        return reads.aggregate(aggregateType, aggregateId).join()
                .orElseThrow(() -> new NotFoundException("no aggregate " + aggregateType + "/" + aggregateId));
    }

    @GetMapping("/v1/aggregates/{aggregateType}/{aggregateId}/events")
    EventPage events(@PathVariable String aggregateType, @PathVariable String aggregateId,
            @RequestParam(required = false) Long fromVersion, @RequestParam(required = false) Integer limit) {
        long from = fromVersion == null ? 1 : fromVersion;
        if (from < 1) {
            throw new InvalidParameterException("fromVersion", "fromVersion must be >= 1");
        }
        return reads.events(aggregateType, aggregateId, from, InvalidParameterException.limit(limit, 100, MAX_EVENTS)).join();
    }

    @GetMapping("/v1/memories")
    MemoryList memories(@RequestParam(required = false) String userId, @RequestParam(required = false) Integer limit) {
        return reads.memories(InvalidParameterException.required("userId", userId),
                InvalidParameterException.limit(limit, 50, MAX_MEMORIES)).join();
    }

    @GetMapping("/v1/memories/{memoryId}")
    MemoryView memory(@PathVariable String memoryId) {
        return reads.memory(memoryId).join().orElseThrow(() -> new NotFoundException("no memory " + memoryId));
    }

    @GetMapping("/v1/mcp-contexts/{contextId}")
    McpContextView mcpContext(@PathVariable String contextId) {
        return reads.mcpContext(contextId).join().orElseThrow(() -> new NotFoundException("no MCP context " + contextId));
    }

    @GetMapping("/v1/mcp-contexts")
    List<McpContextView> mcpContexts(@RequestParam(required = false) String tool, @RequestParam(required = false) Integer limit) {
        return reads.mcpContexts(InvalidParameterException.required("tool", tool),
                InvalidParameterException.limit(limit, 50, MAX_CONTEXTS));
    }
}
