package io.eventpipeline.schemas;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The one size budget from the HTTP body to every topic (docs/decisions.md D2). {@code EVENT_MAX_BYTES}
 * bounds the serialized envelope on {@code events.raw}; every event topic allows records of
 * {@link #recordMaxBytes()} (the event plus {@value #HEADROOM_BYTES} bytes for the version field, key,
 * headers and record overhead), and every producer's {@code max.request.size} is the same figure.
 *
 * <p>Inside that headroom: a key of at most {@value #KEY_MAX_CHARS} characters and headers of at most
 * {@value #HEADERS_MAX_BYTES} bytes. A rejection whose full form would not fit {@link #rejectionValueMaxBytes()}
 * is written truncated ({@link RejectedEvent#toTruncated()}), which is never larger than
 * {@value #TRUNCATED_REJECTION_MAX_BYTES} bytes.
 *
 * @param eventMaxBytes {@code EVENT_MAX_BYTES}: the largest serialized envelope
 */
public record SizeBudget(int eventMaxBytes) {

    public static final String VARIABLE = "EVENT_MAX_BYTES";
    public static final int DEFAULT_EVENT_MAX_BYTES = 1_048_576;
    public static final int HEADROOM_BYTES = 64 * 1024;
    /** A record key longer than this (in UTF-16 characters, so at most three times as many bytes) is refused. */
    public static final int KEY_MAX_CHARS = 1024;
    /** Record headers larger than this (names and values together) are refused. */
    public static final int HEADERS_MAX_BYTES = 16 * 1024;
    /** What a truncated rejection's value can never exceed (a property test holds it). */
    public static final int TRUNCATED_REJECTION_MAX_BYTES = 16 * 1024;
    static final int MIN_EVENT_MAX_BYTES = 1024;
    static final int MAX_EVENT_MAX_BYTES = 64 * 1024 * 1024;
    // record and batch overhead with room to spare: varints, attributes, header counts, the batch header
    private static final int RECORD_OVERHEAD_BYTES = 1024;

    public static final SizeBudget DEFAULT = new SizeBudget(DEFAULT_EVENT_MAX_BYTES);

    public SizeBudget {
        if (eventMaxBytes < MIN_EVENT_MAX_BYTES || eventMaxBytes > MAX_EVENT_MAX_BYTES) {
            throw new IllegalArgumentException(VARIABLE + " must be between " + MIN_EVENT_MAX_BYTES + " and "
                    + MAX_EVENT_MAX_BYTES + ", got " + eventMaxBytes);
        }
    }

    /** {@code EVENT_MAX_BYTES} from {@code variables} (e.g. {@code System::getenv}), the default when unset. */
    public static SizeBudget fromEnvironment(Function<String, String> variables) {
        String value = variables.apply(VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return new SizeBudget(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VARIABLE + " must be an integer number of bytes, got '" + value + "'", e);
        }
    }

    /** Topic {@code max.message.bytes} of events.raw, events.log and events.rejected, and producer {@code max.request.size}. */
    public int recordMaxBytes() {
        return eventMaxBytes + HEADROOM_BYTES;
    }

    /** The same figure, named for where it goes. */
    public int producerMaxRequestSize() {
        return recordMaxBytes();
    }

    /** The topic configuration every event topic needs. */
    public Map<String, String> topicConfigs() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(recordMaxBytes()));
    }

    /** The largest full rejection value: what is left of a record once key, headers and overhead had their share. */
    public int rejectionValueMaxBytes() {
        return recordMaxBytes() - 3 * KEY_MAX_CHARS - HEADERS_MAX_BYTES - RECORD_OVERHEAD_BYTES;
    }

    /** Whether an event value of {@code bytes} is within budget. */
    public boolean allowsEvent(int bytes) {
        return bytes <= eventMaxBytes;
    }
}
