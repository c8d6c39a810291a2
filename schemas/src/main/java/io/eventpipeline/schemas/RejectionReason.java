package io.eventpipeline.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why an event landed on {@code events.rejected}: one stable, snake_case name per reason, written in the
 * rejection's {@code reason} field and its {@link Topics#REASON_HEADER} header. Operators filter and
 * re-drive by it, so a wire name never changes meaning; new reasons are only ever added.
 */
public enum RejectionReason {

    /** The record's bytes are not a JSON object at all; the original bytes travel with the rejection. */
    UNDESERIALISABLE("undeserialisable"),
    /** The envelope breaks its schema or holds what PostgreSQL cannot store (outside the payload). */
    INVALID_ENVELOPE("invalid_envelope"),
    /** The payload breaks its event type's schema or holds what PostgreSQL cannot store. */
    INVALID_PAYLOAD("invalid_payload"),
    /** The record key is not the envelope's aggregate key, so versions could not stay gapless. */
    KEY_MISMATCH("key_mismatch"),
    /** {@code expectedVersion} is not the aggregate's current version. */
    VERSION_CONFLICT("version_conflict"),
    /** The record (value, key or headers) is larger than {@link SizeBudget} allows, or a topic refused it. */
    TOO_LARGE("too_large"),
    /** Kafka refused to take a record for another permanent reason; the detail names it. */
    NOT_SENDABLE("not_sendable"),
    /** The projection-writer could not read a record of {@code events.log}. */
    UNREADABLE_EVENT("unreadable_event"),
    /** An {@code events.log} record without a version reached the projection-writer. */
    MISSING_VERSION("missing_version"),
    /** PostgreSQL refused the row; the detail carries the SQLSTATE. */
    NOT_WRITABLE("not_writable"),
    /** The event's month partition was detached or dropped (retention): it can no longer be stored. */
    PARTITION_RETIRED("partition_retired");

    private static final Map<String, RejectionReason> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RejectionReason::wireName, Function.identity()));

    private final String wireName;

    RejectionReason(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in metrics, e.g. {@code version_conflict}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The reason of a wire name; an unknown name is refused (a reader older than the writer must say so). */
    @JsonCreator
    public static RejectionReason fromWire(String name) {
        RejectionReason reason = BY_WIRE_NAME.get(name);
        if (reason == null) {
            throw new IllegalArgumentException("unknown rejection reason '" + name + "'");
        }
        return reason;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
