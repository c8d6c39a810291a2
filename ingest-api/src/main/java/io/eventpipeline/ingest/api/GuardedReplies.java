package io.eventpipeline.ingest.api;

import io.eventpipeline.ingest.idempotency.Answer;
import io.eventpipeline.ingest.idempotency.Guarded;
import io.eventpipeline.ingest.problem.ProblemException;
import io.eventpipeline.ingest.problem.ProblemType;
import io.eventpipeline.ingest.problem.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reply to each decision of the {@code IdempotencyGuard}, and which replies it keeps for replays. */
final class GuardedReplies {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String DEGRADED_HEADER = "Idempotency-Degraded";

    private GuardedReplies() {
    }

    /** Only an accepted request (202) is stored; any other answer releases the key for a retry. */
    static Optional<Answer> kept(Reply reply) {
        return reply.isAccepted() ? Optional.of(new Answer(reply.status(), reply.body())) : Optional.empty();
    }

    static Reply reply(Guarded<Reply> guarded) {
        return switch (guarded) {
            case Guarded.Ran<Reply> ran -> ran.degraded() ? ran.result().withHeader(DEGRADED_HEADER, "true") : ran.result();
            case Guarded.Replayed<Reply> replayed ->
                    Reply.of(replayed.status(), Reply.JSON, replayed.body()).withHeader(REPLAYED_HEADER, "true");
            case Guarded.InProgress<Reply> running -> new ProblemException(ProblemType.IN_PROGRESS,
                    "The first request with this Idempotency-Key has not finished; retry later",
                    List.of(), Map.of("Retry-After", "1")).toReply();
            case Guarded.KeyReused<Reply> reused -> new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different method, path or body").toReply();
        };
    }
}
