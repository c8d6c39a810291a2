package io.eventpipeline.processor.query;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code GET /actuator/aggregate/{producerId}/{aggregateType}/{aggregateId}?eventId=...} on the management port
 * (an actuator endpoint, like health and metrics: never on a public port): the aggregate's current version in the
 * processor and whether the event id is in its dedup state, from the instance that owns the aggregate. 503 while
 * that cannot be answered (rebalancing, owner unreachable), 400 for an event id that is not a UUID.
 */
@Endpoint(id = "aggregate")
public final class AggregateEndpoint {

    private final AggregateQueries queries;

    public AggregateEndpoint(AggregateQueries queries) {
        this.queries = queries;
    }

    @ReadOperation
    public WebEndpointResponse<Object> aggregate(@Selector String producerId, @Selector String aggregateType,
            @Selector String aggregateId, @Nullable String eventId, @Nullable Boolean forwarded) {
        UUID id;
        try {
            id = eventId == null || eventId.isBlank() ? null : UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            return new WebEndpointResponse<>(Map.of("error", "eventId must be a UUID, got " + eventId), 400);
        }
        try {
            return new WebEndpointResponse<>(queries.query(producerId, aggregateType, aggregateId, id,
                    Boolean.TRUE.equals(forwarded)), 200);
        } catch (NotAvailableException e) {
            return new WebEndpointResponse<>(Map.of("error", e.getMessage()), 503);
        }
    }
}
