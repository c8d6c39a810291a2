package io.eventpipeline.ingest.api;

/** The two write routes; the path is part of the idempotency fingerprint. */
public enum Route {
    SINGLE("/v1/events"),
    BATCH("/v1/events:batch");

    private final String path;

    Route(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String tag() {
        return this == SINGLE ? "events" : "events_batch";
    }
}
