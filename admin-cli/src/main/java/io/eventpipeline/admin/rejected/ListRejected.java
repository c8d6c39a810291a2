package io.eventpipeline.admin.rejected;

import io.eventpipeline.admin.config.AdminContext;
import io.eventpipeline.admin.config.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./admin rejected list}: one line per rejection, then a count per reason. */
@Command(name = "list", description = "One line per rejection (newest last within a partition), then a count per reason.")
final class ListRejected implements Callable<Integer> {

    private static final int DETAIL_WIDTH = 80;

    private final AdminContext context;

    @Option(names = "--reason", split = ",", paramLabel = "REASON",
            description = "Only these reasons (repeatable or comma-separated), e.g. invalid_payload,version_conflict.")
    Set<String> reasons = Set.of();

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only rejections at or after WHEN: an instant (2026-11-27T08:00:00Z) or a duration ago (PT1H, P2D).")
    String since;

    @Option(names = "--limit", defaultValue = "1000", description = "Print at most this many lines (default ${DEFAULT-VALUE}); the counts cover all.")
    int limit;

    ListRejected(AdminContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Instant from = since == null ? Instant.MIN : parseSince(since, Instant.now());
        Table table = new Table("ID", "REJECTED-AT", "REASON", "PRODUCER", "KEY", "EVENT-ID", "DETAIL");
        Map<String, Integer> counts = new TreeMap<>();
        List<Rejection> shown = new ArrayList<>();
        new RejectedLog(context.clients(), context.settings().rejectedTopic(), context.console()).scan(r -> {
            if ((reasons.isEmpty() || reasons.contains(r.reason())) && !r.rejectedAt().isBefore(from)) {
                counts.merge(String.valueOf(r.reason()), 1, Integer::sum);
                if (shown.size() < limit) {
                    shown.add(r);
                }
            }
        });
        shown.forEach(r -> table.row(r.id(), r.rejectedAt(), r.reason(), r.producerId(), r.record().key(), r.eventId(),
                abbreviate(r.detail())));
        table.print(context.console());
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        context.console().line(total + " rejected" + (counts.isEmpty() ? "" : ": " + counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                + (total > shown.size() ? " (first " + shown.size() + " shown, --limit)" : ""));
        return 0;
    }

    static Instant parseSince(String text, Instant now) {
        try {
            return text.startsWith("P") || text.startsWith("p") ? now.minus(Duration.parse(text)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since must be an instant such as 2026-11-27T08:00:00Z or a duration "
                    + "such as PT1H or P2D, got " + text, e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= DETAIL_WIDTH ? oneLine : oneLine.substring(0, DETAIL_WIDTH - 3) + "...";
    }
}
