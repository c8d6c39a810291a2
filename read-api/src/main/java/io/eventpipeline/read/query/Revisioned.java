package io.eventpipeline.read.query;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A read answer that names the revision of the data it was made of: two answers of one resource have equal
 * revisions exactly when they hold the same data. The read-api's {@code ETag} is derived from it, so a
 * conditional GET is answered 304 without serializing anything. Never part of the JSON.
 */
public interface Revisioned {

    @JsonIgnore
    String revision();
}
