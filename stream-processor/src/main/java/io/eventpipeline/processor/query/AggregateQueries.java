package io.eventpipeline.processor.query;

import io.eventpipeline.processor.versioning.Versioning;
import io.eventpipeline.schemas.EventEnvelope;
import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers "what version is this aggregate at, and was this event accepted" from the instance that owns the
 * aggregate's shard: read here when this instance is the active owner ({@link KafkaStreams#queryMetadataForKey}),
 * forwarded once over HTTP to the owner's management port ({@code APPLICATION_SERVER}) otherwise.
 */
public final class AggregateQueries {

    static final String PATH = "/actuator/aggregate/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<KafkaStreams> streams;
    private final QuerySettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public AggregateQueries(Supplier<KafkaStreams> streams, QuerySettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    AggregateState query(String producerId, String type, String id, UUID eventId, boolean forwarded) {
        KafkaStreams running = streams.get();
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            throw new NotAvailableException("the stream processor is not running"
                    + (running == null ? "" : " (" + running.state() + ")"));
        }
        String aggregate = EventEnvelope.aggregateKey(producerId, type, id);
        try {
            if (settings.applicationServer().isEmpty()) {
                // a single instance: no owner to look up, every shard this instance has is asked
                return LocalState.read(running, aggregate, OptionalInt.empty(), producerId, eventId, settings.self());
            }
            KeyQueryMetadata owner = running.queryMetadataForKey(Versioning.STORE, aggregate,
                    Serdes.String().serializer());
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                throw new NotAvailableException("the owner of " + aggregate + " is not known now (rebalancing?)");
            }
            if (forwarded || isHere(owner.activeHost())) {
                return LocalState.read(running, aggregate, OptionalInt.of(owner.partition()), producerId, eventId,
                        settings.self());
            }
            return forward(owner.activeHost(), producerId, type, id, eventId);
        } catch (StreamsException e) {
            throw new NotAvailableException("the state of " + aggregate + " cannot be queried now: " + e.getMessage(), e);
        }
    }

    private boolean isHere(HostInfo owner) {
        return settings.applicationServer().map(owner::equals).orElse(false);
    }

    private AggregateState forward(HostInfo owner, String producerId, String type, String id, UUID eventId) {
        try {
            URI uri = new URI("http", null, owner.host(), owner.port(), PATH + producerId + "/" + type + "/" + id,
                    "forwarded=true" + (eventId == null ? "" : "&eventId=" + eventId), null);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new NotAvailableException("the owner " + owner.host() + ":" + owner.port() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return Json.MAPPER.readValue(response.body(), AggregateState.class);
        } catch (IOException | URISyntaxException e) {
            throw new NotAvailableException("the owner " + owner.host() + ":" + owner.port() + " cannot be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAvailableException("interrupted asking " + owner.host() + ":" + owner.port(), e);
        }
    }
}
