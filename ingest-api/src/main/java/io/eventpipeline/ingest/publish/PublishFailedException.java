package io.eventpipeline.ingest.publish;

/** Kafka did not acknowledge every record of a request: nothing of it may be reported as accepted. */
public final class PublishFailedException extends Exception {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
