package io.eventpipeline.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StallDetectorTest {

    private static final TopicPartition TP = new TopicPartition("events.raw", 0);
    private final StallDetector detector = new StallDetector(60_000);

    @Test
    void shouldCallAPartitionStalledWhenRecordsArriveAndTheCommittedOffsetStaysForAWholeWindow() {
        detector.record(0, Map.of(TP, new long[] {100, 100}));
        detector.record(30_000, Map.of(TP, new long[] {100, 150}));
        detector.record(60_000, Map.of(TP, new long[] {100, 200}));

        assertThat(detector.stalled(60_000)).containsExactly(TP);
        assertThat(detector.lag()).isEqualTo(100);
    }

    @Test
    void shouldNotJudgeBeforeAWholeWindowWasSeen() {
        detector.record(0, Map.of(TP, new long[] {100, 100}));
        detector.record(59_000, Map.of(TP, new long[] {100, 200}));

        assertThat(detector.stalled(59_000)).isEmpty();
    }

    @Test
    void shouldNotCallAnIdlePartitionStalledEvenWithATransactionMarkerLeft() {
        detector.record(0, Map.of(TP, new long[] {100, 101}));
        detector.record(90_000, Map.of(TP, new long[] {100, 101}));

        assertThat(detector.stalled(90_000)).isEmpty();
    }

    @Test
    void shouldNotCallAPartitionStalledWhileItsCommittedOffsetMoves() {
        detector.record(0, Map.of(TP, new long[] {100, 150}));
        detector.record(30_000, Map.of(TP, new long[] {180, 250}));
        detector.record(61_000, Map.of(TP, new long[] {260, 400}));
        detector.record(92_000, Map.of(TP, new long[] {300, 500}));

        assertThat(detector.stalled(92_000)).isEmpty();
    }

    @Test
    void shouldRecoverOnceTheCommittedOffsetMovesAgain() {
        detector.record(0, Map.of(TP, new long[] {100, 100}));
        detector.record(60_000, Map.of(TP, new long[] {100, 200}));
        detector.record(70_000, Map.of(TP, new long[] {201, 201}));

        assertThat(detector.stalled(70_000)).isEmpty();
    }

    @Test
    void shouldForgetAPartitionThatMovedToAnotherInstance() {
        detector.record(0, Map.of(TP, new long[] {100, 100}));
        detector.record(60_000, Map.of(TP, new long[] {100, 200}));

        detector.record(61_000, Map.of());

        assertThat(detector.stalled(61_000)).isEmpty();
        assertThat(detector.partitions()).isEmpty();
    }
}
