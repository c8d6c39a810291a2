package io.eventpipeline.ingest.problem;

import java.util.List;
import java.util.Map;

/** A refusal on its way to becoming an RFC 9457 problem response; thrown where the decision is made. */
public final class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<ItemError> errors;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<ItemError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ProblemType type() {
        return type;
    }

    public Reply toReply() {
        Reply reply = Problems.reply(type, getMessage(), errors);
        for (var h : headers.entrySet()) {
            reply = reply.withHeader(h.getKey(), h.getValue());
        }
        return reply;
    }

    /** One violation inside a request: the item's index in a batch ({@code null} for a single event) and a JSON pointer. */
    public record ItemError(Integer index, String pointer, String message) {
    }
}
