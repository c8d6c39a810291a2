package io.eventpipeline.projection.write;

import io.eventpipeline.projection.batch.Batch;
import io.eventpipeline.projection.batch.LogEvent;
import io.eventpipeline.projection.batch.Rejection;
import io.eventpipeline.projection.partition.PartitionManager;
import io.eventpipeline.schemas.RejectionReason;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets aside the events of a batch whose month is retired (past the retention, or its partition
 * detached): each becomes a {@code partition_retired} rejection instead of re-creating the month or
 * failing the batch forever. One lookup per month of the batch.
 */
final class RetiredMonths {

    private RetiredMonths() {
    }

    static Batch setAside(Batch batch, PartitionManager partitions) {
        Map<YearMonth, Boolean> retired = new HashMap<>();
        List<LogEvent> live = new ArrayList<>(batch.events().size());
        List<Rejection> rejections = new ArrayList<>(batch.rejections());
        for (LogEvent event : batch.events()) {
            YearMonth month = monthOf(event);
            if (retired.computeIfAbsent(month, partitions::isRetired)) {
                rejections.add(Rejection.of(RejectionReason.PARTITION_RETIRED, "the month " + month + " of events is retired ("
                        + PartitionManager.partitionName(month) + " is past PARTITION_RETENTION or detached): a late event "
                        + "is not written into a re-created month", event));
            } else {
                live.add(event);
            }
        }
        return live.size() == batch.events().size() ? batch : new Batch(batch.topic(), live, rejections, batch.ranges());
    }

    static YearMonth monthOf(LogEvent event) {
        return YearMonth.from(event.envelope().createdAt().atZone(ZoneOffset.UTC));
    }
}
