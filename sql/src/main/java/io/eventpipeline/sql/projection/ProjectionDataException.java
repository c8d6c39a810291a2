package io.eventpipeline.sql.projection;

/** The payload of a projected event lacks what its projection needs: a record fault, never retried. */
public final class ProjectionDataException extends RuntimeException {

    public ProjectionDataException(String message) {
        super(message);
    }
}
